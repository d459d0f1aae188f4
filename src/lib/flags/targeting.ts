import { z } from "zod";
import { PLAN_IDS } from "@/lib/plans";
import { text } from "@/lib/text";
import { FLAGS, isFlagKey, type FlagDefinition, type FlagKey, type JsonValue } from "./registry";
import { ROLLOUT_BY, RULE_ATTRIBUTE_LABELS, RULE_ATTRIBUTES, type RuleAttribute } from "./rule-attributes";

export { ROLLOUT_BY, RULE_ATTRIBUTE_LABELS, RULE_ATTRIBUTES, type RuleAttribute };

/**
 * Targeting: what Postgres stores for a flag, validated against the flag's definition in the
 * registry (a rule serving "maybe" to a boolean flag is refused, naming the field). Shared by
 * the server (cache, staff operations); the editor's attribute lists are in rule-attributes.ts.
 */
export type Rule = { id: string; attribute: RuleAttribute; values: string[]; serve: JsonValue; /** `values` as a set, built once when the server loads targeting. */ valueSet?: ReadonlySet<string> };
export type Targeting = {
  enabled: boolean;
  killed: boolean;
  killReason: string | null;
  rules: Rule[];
  rollout: { percentage: number; by: (typeof ROLLOUT_BY)[number]; serve: JsonValue } | null;
  /** Served when the flag is on and no rule or rollout decided. */
  fallthrough: JsonValue;
};

const json: z.ZodType<JsonValue> = z.lazy(() => z.union([text("Value"), z.number(), z.boolean(), z.null(), z.array(json), z.record(text("Key"), json)]));

/** The zod schema of one value of this flag. */
export function valueSchema(def: FlagDefinition): z.ZodType<JsonValue> {
  switch (def.kind) {
    case "boolean":
      return z.boolean({ error: "Must be on or off" });
    case "string":
      return z.enum(def.variants as [string, ...string[]], { error: `Must be one of: ${def.variants.join(", ")}` });
    case "number":
      return z
        .number({ error: "Must be a number" })
        .min(def.min, `Must be at least ${def.min}`)
        .max(def.max, `Must be at most ${def.max}`);
    case "json":
      return json.refine((v) => JSON.stringify(v).length <= 4000, "Must be at most 4,000 characters of JSON");
  }
}

const UUID = z.uuid({ error: "Must be an id (UUID)" });
const attributeValue: Record<RuleAttribute, z.ZodType<string>> = {
  user: UUID,
  workspace: UUID,
  plan: z.enum(PLAN_IDS, { error: `Plan must be one of: ${PLAN_IDS.join(", ")}` }),
  staffRole: z.enum(["support", "product", "admin"], { error: "Staff role must be support, product or admin" }),
  emailDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "Must be a domain like example.com"),
  cohort: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Cohort names are 1–40 lowercase letters, digits and dashes"),
};

/** Targeting for one flag; error paths name the field (`rules.0.values.1`, `rollout.percentage`), every mistake at once. */
export function targetingSchema(def: FlagDefinition) {
  const value = valueSchema(def);
  const ruleShape = z.object({
    id: text("Rule id", { required: "Rule id is required" }).trim().min(1, "Rule id is required").max(40, "Rule id is at most 40 characters"),
    attribute: z.enum(RULE_ATTRIBUTES, { error: `Attribute must be one of: ${RULE_ATTRIBUTES.join(", ")}` }),
    values: z.array(z.string({ error: "Values are text" }), { error: "Values must be a list" }).min(1, "Add at least one value").max(500, "At most 500 values per rule"),
    serve: z.unknown(),
  });
  // Rules are checked as a whole in one pass, so every mistake is reported at once (zod skips
  // refinements of an object that already has an issue).
  const rules = z
    .array(z.unknown(), { error: "Rules must be a list" })
    .max(50, "At most 50 rules")
    .transform((items, ctx): Rule[] => {
      const out: Rule[] = [];
      const seen = new Set<string>();
      items.forEach((item, i) => {
        const shape = ruleShape.safeParse(item);
        const raw = (item ?? {}) as { serve?: unknown };
        const served = value.safeParse(raw.serve);
        if (!served.success) ctx.addIssue({ code: "custom", path: [i, "serve"], message: served.error.issues[0]!.message });
        if (!shape.success) {
          for (const issue of shape.error.issues) if (issue.path[0] !== "serve") ctx.addIssue({ code: "custom", path: [i, ...issue.path], message: issue.message });
          return;
        }
        const r = shape.data;
        const values = r.values.map((v, j) => {
          const parsed = attributeValue[r.attribute].safeParse(v);
          if (!parsed.success) ctx.addIssue({ code: "custom", path: [i, "values", j], message: parsed.error.issues[0]!.message });
          return parsed.success ? parsed.data : v;
        });
        if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `Rule id "${r.id}" is used twice` });
        seen.add(r.id);
        out.push({ id: r.id, attribute: r.attribute, values, serve: served.success ? served.data : null });
      });
      return out;
    });
  return z.object({
    enabled: z.boolean({ error: "Enabled must be true or false" }),
    rules,
    rollout: z
      .object({
        percentage: z.number({ error: "Percentage must be a number" }).min(0, "Percentage must be at least 0").max(100, "Percentage must be at most 100").multipleOf(0.01, "Percentage has at most two decimals"),
        by: z.enum(ROLLOUT_BY, { error: "Roll out by user or workspace" }),
        serve: value,
      })
      .nullable(),
    fallthrough: value,
  });
}

/** What a flag serves when no targeting row exists: its code default, to everyone. */
export const defaultTargeting = (def: FlagDefinition): Targeting => ({ enabled: true, killed: false, killReason: null, rules: [], rollout: null, fallthrough: def.default });

/** Reads a stored row leniently: a row that no longer matches the registry serves the code default. */
export function parseStoredTargeting(row: { key: string; targeting: unknown; killed: boolean; killReason: string | null }): Targeting | null {
  if (!isFlagKey(row.key)) return null;
  const parsed = targetingSchema(FLAGS[row.key as FlagKey] as FlagDefinition).safeParse(row.targeting);
  if (!parsed.success) return null;
  return { ...parsed.data, rules: parsed.data.rules.map((r) => ({ ...r, valueSet: new Set(r.values) })), killed: row.killed, killReason: row.killReason };
}

/** At 100%: on, not killed, no rule serving anything else, and everyone past the rules gets the rollout's value at 100% or an "on" fallthrough. */
export function isFullyRolledOut(def: FlagDefinition, t: Targeting): boolean {
  if (!t.enabled || t.killed) return false;
  const on = def.kind === "boolean" ? true : null;
  if (on === null) return false;
  const servesOn = (v: JsonValue) => v === on;
  if (!t.rules.every((r) => servesOn(r.serve))) return false;
  if (t.rollout && t.rollout.percentage < 100) return false;
  return t.rollout ? servesOn(t.rollout.serve) : servesOn(t.fallthrough);
}
