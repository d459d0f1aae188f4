import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

export type QueryStats = { count: number; ms: number };

export type RequestContext = {
  requestId: string;
  userId?: string;
  workspaceId?: string;
  impersonatorId?: string;
  /** The actor came from a browser session (not an API key): the request goes on the user's recent requests. */
  viaSession?: boolean;
  queries: QueryStats;
};

const storage = new AsyncLocalStorage<RequestContext>();
const tasks = new AsyncLocalStorage<string>();

export function runWithRequestContext<T>(
  init: Pick<RequestContext, "requestId"> & Partial<RequestContext>,
  fn: () => T,
): T {
  return storage.run({ queries: { count: 0, ms: 0 }, ...init }, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Adds who is acting to every log line that follows in this request. */
export function setRequestActor(actor: Pick<RequestContext, "userId" | "workspaceId" | "impersonatorId" | "viaSession">) {
  const store = storage.getStore();
  if (store) Object.assign(store, actor);
}

/**
 * Runs `fn` outside any request: for shared work a request merely triggers (a process-wide
 * cache's load), so its queries and logs aren't charged to whichever request came first.
 */
export function runOutsideRequestContext<T>(fn: () => T): T {
  return storage.exit(fn);
}

/**
 * Runs work that outlives whoever started it (LISTEN connections, the scheduler, the outbox
 * relay) outside any request's context: a first request that happens to open a connection
 * must not lend its request id to every reconnect warning afterwards. Log lines carry `task`.
 */
export function runInBackground<T>(task: string, fn: () => T): T {
  return runOutsideRequestContext(() => tasks.run(task, fn));
}

export function currentTask(): string | undefined {
  return tasks.getStore();
}
