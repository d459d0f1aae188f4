import { hashKey, partialMatchKey, type QueryClient, type QueryKey } from "@tanstack/react-query";

/** How long invalidations from a burst of events are gathered before they refetch. */
export const INVALIDATION_WINDOW_MS = 40;

/**
 * Invalidations from a burst of live events merge into one refetch per query. A checkout, for
 * one, sends several `billing.updated` events within milliseconds; invalidating on each
 * cancels and restarts the page's queries every time, and every restart is a request the
 * server answers (and counts against the caller's rate limits). Keys gathered within
 * `INVALIDATION_WINDOW_MS` of the first are invalidated together, each once, and a key that
 * another gathered key already covers (TanStack matches keys by prefix) is left out.
 */
export function invalidationBatcher(queryClient: QueryClient, windowMs = INVALIDATION_WINDOW_MS): (keys: Iterable<QueryKey>) => void {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) {
      if (keys.some((other) => other !== queryKey && partialMatchKey(queryKey, other))) continue;
      void queryClient.invalidateQueries({ queryKey });
    }
  };
  return (keys) => {
    for (const key of keys) pending.set(hashKey(key), key);
    if (pending.size > 0 && !timer) timer = setTimeout(flush, windowMs);
  };
}

