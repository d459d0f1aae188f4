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
};

export type CohortLookup = (cohort: string, userId: string) => boolean;

const variantOf = (def: FlagDefinition, value: JsonValue, source: string) => {
  if (def.kind === "boolean") return value ? "on" : "off";
  if (def.kind === "json") return source;
  return String(value);
};

const has = (rule: Rule, value: string) => (rule.valueSet ? rule.valueSet.has(value) : rule.values.includes(value));

function matches(rule: Rule, ctx: FlagContext, inCohort: CohortLookup): boolean {
  switch (rule.attribute) {
    case "user":
      return !!ctx.userId && has(rule, ctx.userId);
    case "workspace":
      return !!ctx.workspaceId && has(rule, ctx.workspaceId);
    case "plan":
      return !!ctx.plan && has(rule, ctx.plan);
    case "staffRole":
      return !!ctx.staffRole && has(rule, ctx.staffRole);
    case "emailDomain": {
      const at = ctx.email?.lastIndexOf("@") ?? -1;
      return at >= 0 && has(rule, ctx.email!.slice(at + 1).toLowerCase());
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
  const result = (value: JsonValue, reason: FlagReason, source: string, ruleId: string | null = null): Evaluation => ({ value, variant: variantOf(def, value, source), reason, ruleId });
  if (override !== undefined) return result(override, "OVERRIDE", "override");
  if (!targeting) return result(def.default, "DEFAULT", "default");
  if (targeting.killed) return result(def.off, "KILLED", "off");
  if (!targeting.enabled) return result(def.off, "DISABLED", "off");
  for (const rule of targeting.rules) {
    if (matches(rule, ctx, inCohort)) return result(rule.serve, "TARGETING_MATCH", `rule:${rule.id}`, rule.id);
  }
  const rollout = targeting.rollout;
  if (rollout) {
    const id = rollout.by === "user" ? ctx.userId : ctx.workspaceId;
    if (id && inRollout(key, id, rollout.percentage)) return result(rollout.serve, "SPLIT", "rollout");
    return result(targeting.fallthrough, "DEFAULT", "fallthrough");
  }
  return result(targeting.fallthrough, "STATIC", "fallthrough");
}

/** One sentence for "who sees this": why this evaluation came out as it did. */
export function explainEvaluation(evaluation: Evaluation, targeting: Targeting | null, ctx: FlagContext): string {
  switch (evaluation.reason) {
    case "OVERRIDE":
      return "A staff override for this person (their own cookie).";
    case "KILLED":
      return `Kill switch on${targeting?.killReason ? `: ${targeting.killReason}` : ""}.`;
    case "DISABLED":
      return "The flag is off.";
    case "TARGETING_MATCH": {
      const rule = targeting?.rules.find((r) => r.id === evaluation.ruleId);
      return `Rule "${evaluation.ruleId}"${rule ? ` (${rule.attribute})` : ""} matched.`;
    }
    case "SPLIT":
      return `In the ${targeting?.rollout?.percentage}% rollout by ${targeting?.rollout?.by}.`;
    case "STATIC":
      return "No rule matched: the fallthrough value.";
    case "DEFAULT": {
      if (!targeting) return "No targeting saved: the default in code.";
      const by = targeting.rollout?.by;
      const id = by === "user" ? ctx.userId : ctx.workspaceId;
      return id ? `Outside the ${targeting.rollout?.percentage}% rollout by ${by}: the fallthrough value.` : `No ${by} to roll out by: the fallthrough value.`;
    }
  }
}
