import "server-only";
import { z } from "zod";
import { usageOutput } from "../../schemas";
import { getApiUsage } from "../get-api-usage";
import { endpoint } from "./endpoint";

export const getUsage = endpoint({
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
