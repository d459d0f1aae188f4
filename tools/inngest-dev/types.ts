/** Shapes exchanged with the SDK (see docs/notes on inngest@4.24.0) and stored in inngest_dev. */

export type InngestEvent = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  user?: unknown;
  ts: number;
};

export type ConcurrencyOption = { limit: number; key?: string; scope?: "fn" | "env" | "account" };

/** A function config as returned by the SDK's in-band sync (`functionConfigSchema` in types.js). */
export type FunctionConfig = {
  id: string;
  name?: string;
  triggers: Array<{ event: string; expression?: string } | { cron: string; jitter?: string }>;
  steps: Record<string, { id: string; name: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }>;
  idempotency?: string;
  concurrency?: number | ConcurrencyOption | ConcurrencyOption[];
  cancel?: Array<{ event: string; if?: string; timeout?: string }>;
  [option: string]: unknown;
};

export type StoredFunction = { id: string; app_url: string; config: FunctionConfig; unsupported: string[] };

/** One entry of a 206 response (`OutgoingOp` in the SDK). */
export type Op = {
  id: string;
  op: string;
  name?: string;
  displayName?: string;
  opts?: Record<string, unknown>;
  data?: unknown;
  error?: unknown;
};

export type RunStatus = "queued" | "running" | "sleeping" | "waiting" | "completed" | "failed" | "cancelled";

export type ConcurrencyBucket = { bucket: string; limit: number };

export type RunRow = {
  id: string;
  function_id: string;
  event: InngestEvent;
  status: RunStatus;
  concurrency: ConcurrencyBucket[];
  parallel: boolean;
  stack: string[];
  parent: { run_id: string; step_id: string } | null;
  created_at: Date;
};

export type JobKind = "discover" | "step" | "sleep" | "wait_timeout";

export type JobRow = { id: string; run_id: string; kind: JobKind; step_id: string | null; attempt: number };

export type Log = (line: string) => void;

export const TERMINAL: RunStatus[] = ["completed", "failed", "cancelled"];
export const FAILED_EVENT = "inngest/function.failed";
export const INVOKED_EVENT = "inngest/function.invoked";
export const CRON_EVENT = "inngest/scheduled.timer";
