import "server-only";
import { z } from "zod";
import { PLAN_IDS, PLANS } from "@/lib/plans";
import { endpoint } from "@/server/rest/endpoint";
import { apiKeyScope, usageOutput } from "../schemas";
import { getApiUsage } from "./get-api-usage";
import type { VerifiedKey } from "./verify/verify-api-key";

const meResponse = z.object({
    key: z.object({
      id: z.uuid(),
      name: z.string(),
      environment: z.enum(["live", "test"]),
      start: z.string().describe("The first characters of the key, for telling keys apart"),
      scopes: z.array(apiKeyScope).describe("Scopes the key was granted"),
      effectiveScopes: z.array(apiKeyScope).describe("Granted scopes its creator's current role still allows: what the key can use now"),
      rateLimitPerMinute: z.number().int(),
      expiresAt: z.date().nullable(),
    }),
    workspace: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), plan: z.enum(PLAN_IDS) }),
    actingAs: z.object({ userId: z.uuid(), displayName: z.string(), role: z.enum(["owner", "admin", "member"]) }),
  });

const getMe = endpoint({
  method: "GET",
  path: "/v1/me",
  operationId: "getMe",
  summary: "The key making the request: its workspace, scopes and who it acts as",
  tag: "Keys",
  scope: null,
  response: meResponse,
  handle: async ({ key }) => {
    let me = meBodies.get(key);
    if (!me) meBodies.set(key, (me = describeKey(key)));
    return me;
  },
});

/**
 * `/v1/me` depends on nothing but the verified key, which is one object per cached key: its
 * answer is made once per key, so the framework checks and serialises it once (decision 040).
 */
const meBodies = new WeakMap<VerifiedKey, z.input<typeof meResponse>>();

function describeKey(key: VerifiedKey): z.input<typeof meResponse> {
  return {
    key: {
      id: key.id,
      name: key.name,
      environment: key.environment,
      start: key.start,
      scopes: key.scopes,
      effectiveScopes: key.effectiveScopes,
      rateLimitPerMinute: key.rateLimitPerMinute ?? PLANS[key.workspace.plan].defaultRequestsPerMinute,
      expiresAt: key.expiresAt,
    },
    workspace: key.workspace,
    actingAs: { userId: key.creator.userId, displayName: key.creator.displayName, role: key.creator.role },
  };
}

const getUsage = endpoint({
  method: "GET",
  path: "/v1/usage",
  operationId: "getUsage",
  summary: "The workspace's API usage: this billing period against the plan's quota, and the last days per day and route",
  tag: "Usage",
  scope: "usage:read",
  query: z.object({
    days: z.coerce.number({ error: "days must be a number" }).int("days must be a whole number").min(1, "days must be at least 1").max(90, "days must be at most 90").default(30),
    key: z.literal("current", { error: 'key must be "current" (this key only) or absent (the whole workspace)' }).optional(),
  }),
  response: usageOutput,
  handle: ({ query, key, db }) => getApiUsage({ days: query.days, keyId: query.key === "current" ? key.id : null }, { workspace: { ...key.workspace, personal: false, role: key.creator.role } }, db),
});

export const apiKeysEndpoints = [getMe, getUsage];
