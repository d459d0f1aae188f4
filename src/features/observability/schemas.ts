import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";
import { PING_LABEL } from "./constants";
export * from "./constants";

export const recordPingInput = z.object({
  label: text("Label")
    .trim()
    .min(PING_LABEL.min, PING_LABEL.tooShort)
    .max(PING_LABEL.max, PING_LABEL.tooLong),
});
export type RecordPingInput = z.infer<typeof recordPingInput>;

export const ping = z.object({ id: idSchema, label: z.string(), createdAt: z.date() });
export type Ping = z.infer<typeof ping>;

export const listPingsInput = z.object({
  limit: z.number({ error: "Limit must be a number" }).int().min(1).max(50).default(10),
  cursor: idSchema.nullish(),
});
export const listPingsOutput = z.object({ items: z.array(ping), nextCursor: idSchema.nullable() });

export const healthCheck = z.object({ ok: z.boolean(), detail: z.string() });
export const systemStatus = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  commit: z.string(),
  uptimeSeconds: z.number(),
  checks: z.object({
    database: healthCheck.extend({ latencyMs: z.number().nullable() }),
    /** This process's connection pool: "exhausted" when it gave no connection in time while the server answered. */
    pool: healthCheck,
    /** LISTEN connections (live events, API-key cache) hearing their own heartbeat NOTIFY. */
    listeners: healthCheck,
    migrations: healthCheck,
    jobs: healthCheck,
  }),
});
export type SystemStatus = z.infer<typeof systemStatus>;
