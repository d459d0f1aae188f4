import "server-only";
import { z } from "zod";
import { PLAN_IDS, PLANS } from "@/lib/plans";
import { apiKeyScope } from "../../schemas";
import { endpoint } from "./endpoint";

export const meResponse = z.object({
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

export const getMe = endpoint({
  method: "GET",
  path: "/v1/me",
  operationId: "getMe",
  summary: "The key making the request: its workspace, scopes and who it acts as",
  tag: "Keys",
  scope: null,
  response: meResponse,
  handle: async ({ key }) => ({
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
  }),
});
