import { inRollout } from "./hash";
import type { FlagDefinition, JsonValue } from "./registry";
import type { Rule, Targeting } from "./targeting";

/** Who is asking. Everything here comes from what the request already loaded (no query). */
export type FlagContext = {
  userId?: string | null;
  email?: string | null;
  staffRole?: "support" | "product" | "admin" | null;
  workspaceId?: string | null;
  plan?: string | null;
};

/** OpenFeature's standard reasons, plus OVERRIDE (a staff member's own cookie) and KILLED. */
export type FlagReason = "OVERRIDE" | "KILLED" | "DISABLED" | "TARGETING_MATCH" | "SPLIT" | "DEFAULT" | "STATIC";

export type Evaluation = {
  value: JsonValue;
  variant: string;
  reason: FlagReason;
  /** The rule that decided, when one did. */
  ruleId: string | null;
  /** One sentence for "who sees this". */
  explanation: string;
};

export type CohortLookup = (cohort: string, userId: string) => boolean;

const variantOf = (def: FlagDefinition, value: JsonValue, source: string) => {
  if (def.kind === "boolean") return value ? "on" : "off";
  if (def.kind === "json") return source;
  return String(value);
};

function matches(rule: Rule, ctx: FlagContext, inCohort: CohortLookup): boolean {
  switch (rule.attribute) {
    case "user":
      return !!ctx.userId && rule.values.includes(ctx.userId);
    case "workspace":
      return !!ctx.workspaceId && rule.values.includes(ctx.workspaceId);
    case "plan":
      return !!ctx.plan && rule.values.includes(ctx.plan);
    case "staffRole":
      return !!ctx.staffRole && rule.values.includes(ctx.staffRole);
    case "emailDomain": {
      const at = ctx.email?.lastIndexOf("@") ?? -1;
      return at >= 0 && rule.values.includes(ctx.email!.slice(at + 1).toLowerCase());
    }
    case "cohort":
      return !!ctx.userId && rule.values.some((c) => inCohort(c, ctx.userId!));
  }
}

/**
 * The one evaluation, pure and synchronous. Precedence, first that applies wins:
 * staff override → kill switch → off → rules in order → percentage rollout → fallthrough.
 * `targeting` null means no row in Postgres: the code default, for everyone.
 */
export function evaluateFlag(
  key: string,
  def: FlagDefinition,
  targeting: Targeting | null,
  ctx: FlagContext,
  inCohort: CohortLookup,
  override?: JsonValue,
): Evaluation {
  const result = (value: JsonValue, reason: FlagReason, source: string, explanation: string, ruleId: string | null = null): Evaluation => ({
    value,
    variant: variantOf(def, value, source),
    reason,
    ruleId,
    explanation,
  });
  if (override !== undefined) return result(override, "OVERRIDE", "override", "A staff override for this person (their own cookie).");
  if (!targeting) return result(def.default, "DEFAULT", "default", "No targeting saved: the default in code.");
  if (targeting.killed) return result(def.off, "KILLED", "off", `Kill switch on${targeting.killReason ? `: ${targeting.killReason}` : ""}.`);
  if (!targeting.enabled) return result(def.off, "DISABLED", "off", "The flag is off.");
  for (const rule of targeting.rules) {
    if (matches(rule, ctx, inCohort)) return result(rule.serve, "TARGETING_MATCH", `rule:${rule.id}`, `Rule "${rule.id}" (${rule.attribute}) matched.`, rule.id);
  }
  const rollout = targeting.rollout;
  if (rollout) {
    const id = rollout.by === "user" ? ctx.userId : ctx.workspaceId;
    if (id && inRollout(key, id, rollout.percentage)) return result(rollout.serve, "SPLIT", "rollout", `In the ${rollout.percentage}% rollout by ${rollout.by}.`);
    if (!id) return result(targeting.fallthrough, "DEFAULT", "fallthrough", `No ${rollout.by} to roll out by: the fallthrough value.`);
    return result(targeting.fallthrough, "DEFAULT", "fallthrough", `Outside the ${rollout.percentage}% rollout by ${rollout.by}: the fallthrough value.`);
  }
  return result(targeting.fallthrough, "STATIC", "fallthrough", "No rule matched: the fallthrough value.");
}
