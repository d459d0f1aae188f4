/**
 * What a targeting rule can match on, without zod: the staff flag editor lists these in the
 * browser, and targeting.ts (zod) would ship zod's runtime with them (decision 041).
 */
export const RULE_ATTRIBUTES = ["user", "workspace", "plan", "staffRole", "emailDomain", "cohort"] as const;
export type RuleAttribute = (typeof RULE_ATTRIBUTES)[number];
export const RULE_ATTRIBUTE_LABELS: Record<RuleAttribute, string> = {
  user: "User id",
  workspace: "Workspace id",
  plan: "Plan",
  staffRole: "Staff role",
  emailDomain: "Email domain",
  cohort: "Beta cohort",
};
export const ROLLOUT_BY = ["user", "workspace"] as const;
