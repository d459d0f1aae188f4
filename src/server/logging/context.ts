import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

export type QueryStats = { count: number; ms: number };

export type RequestContext = {
  requestId: string;
  userId?: string;
  workspaceId?: string;
  impersonatorId?: string;
  queries: QueryStats;
};

const storage = new AsyncLocalStorage<RequestContext>();

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
export function setRequestActor(actor: Pick<RequestContext, "userId" | "workspaceId" | "impersonatorId">) {
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
