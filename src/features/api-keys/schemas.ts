import { z } from "zod";
import { API_KEY_SCOPES } from "@/lib/api-scopes";
import { idSchema } from "@/lib/ids";
import { PLAN_IDS } from "@/lib/plans";
import { text } from "@/lib/text";
import { ROLL_GRACE_SECONDS, STATUS_CLASSES } from "./constants";
export * from "./constants";

export const apiKeyScope = z.enum(API_KEY_SCOPES, { error: `Scope must be one of ${API_KEY_SCOPES.join(", ")}` });
export const apiKeyEnvironment = z.enum(["live", "test"], { error: "Environment must be live or test" });

const keyName = text("Name").trim().min(1, "Name can't be empty").max(80, "Name must be at most 80 characters");
const scopes = z
  .array(apiKeyScope, { error: "Scopes must be a list" })
  .min(1, "Choose at least one scope")
  .max(API_KEY_SCOPES.length)
  .transform((list) => [...new Set(list)]);
const rateLimit = z
  .number({ error: "Rate limit must be a number" })
  .int("Rate limit must be a whole number")
  .min(1, "Rate limit must be at least 1 request per minute")
  .max(100_000, "Rate limit must be at most 100,000 requests per minute");

export const createApiKeyInput = z.object({
  name: keyName,
  environment: apiKeyEnvironment.default("live"),
  scopes,
  expiresAt: z.date({ error: "Expiry must be a date" }).nullish(),
  rateLimitPerMinute: rateLimit.nullish(),
});
export const keyIdInput = z.object({ keyId: idSchema });
export const rollApiKeyInput = keyIdInput.extend({
  graceSeconds: z.literal(ROLL_GRACE_SECONDS, { error: "Grace period must be none, 1 hour, 24 hours or 7 days" }),
});
export const updateApiKeyInput = keyIdInput.extend({
  name: keyName.optional(),
  scopes: scopes.optional(),
  rateLimitPerMinute: rateLimit.nullable().optional(),
});
export const transferApiKeysInput = z.object({ fromUserId: idSchema, toUserId: idSchema });
export const memberKeysInput = z.object({ userId: idSchema });

export const API_KEY_STATUSES = ["active", "expired", "revoked", "creator_left"] as const;
export const apiKeyDto = z.object({
  id: idSchema,
  name: z.string(),
  environment: apiKeyEnvironment,
  start: z.string(),
  scopes: z.array(apiKeyScope),
  rateLimitPerMinute: z.number().int().nullable(),
  createdBy: z.object({ userId: idSchema, displayName: z.string() }).nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  previousExpiresAt: z.date().nullable(),
  status: z.enum(API_KEY_STATUSES),
});
export type ApiKeyDto = z.infer<typeof apiKeyDto>;

export const listApiKeysInput = z.object({
  cursor: idSchema.nullish(),
  limit: z.number({ error: "Limit must be a number" }).int().min(1).max(100).default(50),
});
export const listApiKeysOutput = z.object({
  items: z.array(apiKeyDto),
  nextCursor: idSchema.nullable(),
  /** What a key without its own limit gets on the workspace's plan. */
  defaultRequestsPerMinute: z.number().int(),
});
/** The one response that carries the secret; the UI shows it once and never again. */
export const issuedApiKeyOutput = z.object({ key: apiKeyDto, secret: z.string() });
export const revokeApiKeyOutput = z.object({ id: idSchema, revokedAt: z.date() });
export const transferApiKeysOutput = z.object({ transferred: z.number().int() });
export const memberKeysOutput = z.object({ count: z.number().int() });

// ── usage ──────────────────────────────────────────────────────────────────────────
export const usageInput = z.object({ keyId: idSchema.nullish(), days: z.number().int().min(1).max(90).default(14) });
export const usageOutput = z.object({
  plan: z.object({ id: z.enum(PLAN_IDS), name: z.string(), monthlyApiRequests: z.number().int() }),
  period: z.object({ start: z.string(), requests: z.number().int(), resetsAt: z.date() }),
  days: z.array(z.object({ day: z.string(), requests: z.number().int(), errors: z.number().int() })),
  routes: z.array(z.object({ route: z.string(), requests: z.number().int(), errors: z.number().int(), avgLatencyMs: z.number() })),
  totals: z.object({ requests: z.number().int(), errors: z.number().int(), errorRate: z.number(), p95LatencyMs: z.number().nullable() }),
});
export type UsageReport = z.infer<typeof usageOutput>;

export const requestLogInput = z.object({
  keyId: idSchema.nullish(),
  statusClass: z.enum(STATUS_CLASSES).nullish(),
  method: z.enum(["GET", "POST", "PUT", "DELETE"]).nullish(),
  cursor: idSchema.nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
export const requestLogEntry = z.object({
  id: idSchema,
  keyId: idSchema,
  keyName: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number().int(),
  latencyMs: z.number().int(),
  ip: z.string().nullable(),
  requestId: z.string(),
  createdAt: z.date(),
});
export type RequestLogEntry = z.infer<typeof requestLogEntry>;
export const requestLogOutput = z.object({ items: z.array(requestLogEntry), nextCursor: idSchema.nullable() });

/** One endpoint of the rendered API reference (built on the server from the OpenAPI document). */
export type ReferenceEndpoint = {
  method: string;
  path: string;
  summary: string;
  scope: string | null;
  parameters: Array<{ name: string; in: string; required: boolean; type: string; description: string | null }>;
  body: string | null;
  example: string | null;
  response: string;
};
