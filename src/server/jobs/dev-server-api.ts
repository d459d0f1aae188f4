import "server-only";
import { z } from "zod";
import { inngestMode } from "@/server/env";

/**
 * The local dev server's read API (`tools/inngest-dev`: /v0/runs, /v0/stats), reachable only
 * when INNGEST_DEV is its URL. Inngest Cloud has no equivalent we call: staff use its
 * dashboard. Responses are parsed, so a server that changes shape fails here, loudly.
 */
const TIMEOUT_MS = 2_000;

const runSchema = z.object({
  id: z.string(),
  functionId: z.string(),
  status: z.enum(["queued", "running", "sleeping", "waiting", "completed", "failed", "cancelled"]),
  event: z.looseObject({ id: z.string().optional(), name: z.string(), data: z.unknown() }),
  attempts: z.number(),
  stepCount: z.number().nullable().default(null),
  output: z.unknown(),
  error: z.unknown(),
  replayOf: z.string().nullable(),
  createdAt: z.coerce.date(),
  startedAt: z.coerce.date().nullable(),
  endedAt: z.coerce.date().nullable(),
});
const stepSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  op: z.string(),
  status: z.string(),
  attempts: z.number(),
  result: z.unknown(),
  error: z.unknown(),
});
const statsSchema = z.object({
  queueLagMs: z.number(),
  pendingEvents: z.number(),
  readyJobs: z.number(),
  oldestReadyJobMs: z.number(),
  runs: z.record(z.string(), z.number()),
});

export type DevRun = z.infer<typeof runSchema>;
export type DevRunWithSteps = DevRun & { steps: z.infer<typeof stepSchema>[] };
export type DevStats = z.infer<typeof statsSchema>;

/** The dev server's URL, or null when it is not the one Inngest we talk to. */
export function devServerUrl(): string | null {
  const mode = inngestMode();
  return mode?.kind === "dev" ? mode.url : null;
}

async function call<T>(path: string, schema: z.ZodType<T>, init?: RequestInit): Promise<T> {
  const base = devServerUrl();
  if (!base) throw new Error("INNGEST_DEV is not a dev server URL");
  const response = await fetch(new URL(path, base.endsWith("/") ? base : `${base}/`), { ...init, signal: AbortSignal.timeout(TIMEOUT_MS), cache: "no-store" });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && typeof body === "object" && "error" in body ? String((body as { error: unknown }).error) : `HTTP ${response.status}`;
    throw new DevServerError(response.status, message);
  }
  return schema.parse(body);
}

export class DevServerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const devServer = {
  listRuns: (q: { status?: string; limit: number }) => {
    const params = new URLSearchParams({ limit: String(q.limit), ...(q.status ? { status: q.status } : {}) });
    return call(`v0/runs?${params}`, z.object({ runs: z.array(runSchema) })).then((r) => r.runs);
  },
  getRun: (id: string) => call(`v0/runs/${encodeURIComponent(id)}`, runSchema.extend({ steps: z.array(stepSchema) })),
  replayRun: (id: string) => call(`v0/runs/${encodeURIComponent(id)}/replay`, z.object({ runId: z.string() }), { method: "POST" }),
  stats: () => call("v0/stats", statsSchema),
};
