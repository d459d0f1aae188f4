import { z } from "zod";
import { FLAG_KEYS, type FlagKey } from "@/lib/flags/registry";
import { PREVIEW_STEPS, type PreviewStepName } from "./constants";
export * from "./constants";

export const PREVIEW_STEP_NAMES = PREVIEW_STEPS.map((s) => s.name) as [PreviewStepName, ...PreviewStepName[]];

const id = z.uuid({ error: "Preview id must be a UUID" });

export const createPreviewInput = z.object({
  ref: z
    .string({ error: "Branch or commit is required" })
    .trim()
    .min(1, "Branch or commit is required")
    .max(200, "Branch or commit is too long")
    .regex(/^(?!-)[\w./-]+$/, "Branch or commit may hold letters, digits, '.', '_', '/' and '-' only, and must not start with '-'"),
});
export const previewIdInput = z.object({ previewId: id });
export const extendPreviewInput = z.object({ previewId: id, hours: z.number({ error: "Hours must be a number" }).int("Hours must be whole").min(1, "Extend by at least 1 hour").max(72, "Extend by at most 72 hours") });

/** A flag value for one preview; `value: null` removes the override (the preview's targeting applies again). */
export const setPreviewFlagInput = z.object({
  previewId: id,
  key: z.enum(FLAG_KEYS as [FlagKey, ...FlagKey[]], { error: `Flag must be one of: ${FLAG_KEYS.join(", ")}` }),
  value: z.unknown(),
});
export const setPreviewFlagOutput = z.object({ previewId: z.uuid(), key: z.string(), value: z.unknown() });

export const previewStepDto = z.object({
  step: z.enum(PREVIEW_STEP_NAMES),
  status: z.enum(["pending", "running", "done", "failed", "skipped"]),
  startedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
  logTail: z.string(),
});

export const previewDto = z.object({
  id: z.uuid(),
  driver: z.enum(["local", "github"]),
  ref: z.string(),
  branch: z.string().nullable(),
  commitSha: z.string(),
  state: z.enum(["queued", "building", "ready", "failed", "dead", "destroying", "destroyed"]),
  currentStep: z.string().nullable(),
  failedStep: z.string().nullable(),
  error: z.string().nullable(),
  url: z.string().nullable(),
  createdByEmail: z.string(),
  expiresAt: z.date(),
  readyAt: z.date().nullable(),
  createdAt: z.date(),
  steps: z.array(previewStepDto),
  /** Flag values set for this preview (`previews.setFlag`), by flag key. */
  flags: z.record(z.string(), z.unknown()),
});
export type PreviewDto = z.infer<typeof previewDto>;

export const listPreviewsOutput = z.object({
  previews: z.array(previewDto),
  cap: z.number(),
  active: z.number(),
  driver: z.enum(["local", "github"]),
});

export const branchDto = z.object({ name: z.string(), commitSha: z.string(), subject: z.string(), committedAt: z.date() });
export const listBranchesOutput = z.object({ repository: z.string(), branches: z.array(branchDto) });

/** The GitHub workflow's report of one step (the signed callback's body). */
export const previewCallbackInput = z.object({
  previewId: id,
  step: z.enum(PREVIEW_STEP_NAMES),
  status: z.enum(["running", "done", "failed", "skipped"]),
  log: z.string().max(16_000, "log must be at most 16,000 characters").default(""),
  url: z.url("url must be a URL").optional(),
});
