import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text, workspaceSlugField } from "@/lib/text";
import { FLAG_KEYS, isFlagKey, type FlagKey } from "@/lib/flags/registry";
import { RULE_ATTRIBUTES, ROLLOUT_BY } from "@/lib/flags/targeting";
export * from "./constants";

export const flagKeySchema = z
  .string({ error: "Flag is required" })
  .min(1, "Flag is required")
  .max(100, "Flag keys are at most 100 characters")
  .refine(isFlagKey, { error: `Unknown flag; known flags: ${FLAG_KEYS.join(", ")}` })
  .transform((k) => k as FlagKey);

const reason = text("Reason").trim().max(500, "Reason must be at most 500 characters");
const jsonValue = z.unknown();

// --- evaluation (everyone) ------------------------------------------------------------------
export const evaluateFlagsInput = z.object({
  workspaceSlug: workspaceSlugField.nullable(),
  /** After a change event: read the latest targeting, not this process's snapshot from before it. */
  fresh: z.boolean().optional(),
});
export const clientFlagValue = z.object({ value: jsonValue, variant: z.string().nullable(), reason: z.string().nullable() });
export const evaluateFlagsOutput = z.object({ values: z.record(z.string(), clientFlagValue) });
export type ClientFlagValues = z.infer<typeof evaluateFlagsOutput>["values"];

// --- staff ----------------------------------------------------------------------------------
export const ruleDto = z.object({ id: z.string(), attribute: z.enum(RULE_ATTRIBUTES), values: z.array(z.string()), serve: jsonValue });
export const targetingDto = z.object({
  enabled: z.boolean(),
  killed: z.boolean(),
  killReason: z.string().nullable(),
  rules: z.array(ruleDto),
  rollout: z.object({ percentage: z.number(), by: z.enum(ROLLOUT_BY), serve: jsonValue }).nullable(),
  fallthrough: jsonValue,
});
export type TargetingDto = z.infer<typeof targetingDto>;

export const variantCount = z.object({ variant: z.string(), count: z.number() });
export const flagDefinitionDto = z.object({
  key: z.string(),
  kind: z.enum(["boolean", "string", "number", "json"]),
  description: z.string(),
  owner: z.string(),
  removeBy: z.string(),
  client: z.boolean(),
  default: jsonValue,
  off: jsonValue,
  variants: z.array(z.string()).nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type FlagDefinitionDto = z.infer<typeof flagDefinitionDto>;
export const STALE_REASONS = ["past_removal_date", "full_rollout_30_days"] as const;
export const flagSummaryDto = flagDefinitionDto.extend({
  /** null: no targeting saved (the code default for everyone). */
  targeting: targetingDto.nullable(),
  version: z.number().int(),
  updatedAt: z.date().nullable(),
  fullRolloutSince: z.date().nullable(),
  stale: z.array(z.enum(STALE_REASONS)),
  /** Sampled evaluations over the last 7 days, per variant. */
  counts: z.array(variantCount),
  /** This staff member's own override, when set. */
  override: jsonValue.optional(),
});
export type FlagSummary = z.infer<typeof flagSummaryDto>;
export const listFlagsOutput = z.object({ flags: z.array(flagSummaryDto) });
export const getFlagInput = z.object({ key: flagKeySchema });

export const updateFlagInput = z.object({
  key: flagKeySchema,
  /** The version the edit started from; a concurrent edit answers CONFLICT instead of being overwritten. 0 when none is saved yet. */
  version: z.number({ error: "Version is required" }).int().min(0),
  /** Validated against the flag's definition in the operation (errors name e.g. `rules.0.values.1`). */
  targeting: z.unknown(),
  reason: reason.optional(),
});
export const setKillSwitchInput = z
  .object({ key: flagKeySchema, killed: z.boolean({ error: "Say whether the kill switch is on" }), reason: reason.optional() })
  .refine((v) => !v.killed || (v.reason?.length ?? 0) >= 3, { path: ["reason"], error: "Say why you're killing it (at least 3 characters)" });

export const explainFlagInput = z
  .object({
    key: flagKeySchema,
    userEmail: z.email({ error: "Enter an email address" }).max(254).nullish(),
    workspaceSlug: workspaceSlugField.nullish(),
  })
  .refine((v) => v.userEmail || v.workspaceSlug, { path: ["userEmail"], error: "Pick a user or a workspace" });
export const explainFlagOutput = z.object({
  value: jsonValue,
  variant: z.string(),
  reason: z.string(),
  ruleId: z.string().nullable(),
  explanation: z.string(),
  user: z.object({ id: idSchema, email: z.string(), staffRole: z.string().nullable() }).nullable(),
  workspace: z.object({ id: idSchema, slug: z.string(), name: z.string(), plan: z.string() }).nullable(),
});

export const auditInput = z.object({ key: flagKeySchema.nullish(), cursor: idSchema.nullish(), limit: z.number().int().min(1).max(100).default(25) });
export const auditEntryDto = z.object({
  id: idSchema,
  actorEmail: z.string(),
  action: z.string(),
  targetId: z.string(),
  reason: z.string().nullable(),
  before: jsonValue,
  after: jsonValue,
  createdAt: z.date(),
});
export const auditOutput = z.object({ items: z.array(auditEntryDto), nextCursor: idSchema.nullable() });

export const cohortName = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Cohort names are 1–40 lowercase letters, digits and dashes");
export const cohortsOutput = z.object({
  cohorts: z.array(z.object({ name: z.string(), members: z.array(z.object({ userId: idSchema, email: z.string(), displayName: z.string() })) })),
});
export const addCohortMemberInput = z.object({ cohort: cohortName, email: z.email({ error: "Enter an email address" }).max(254) });
export const removeCohortMemberInput = z.object({ cohort: cohortName, userId: idSchema });
export const okOutput = z.object({ ok: z.literal(true) });

export const setOverrideInput = z.object({ key: flagKeySchema, value: jsonValue.nullable() });
export const overridesOutput = z.object({ overrides: z.record(z.string(), jsonValue) });
