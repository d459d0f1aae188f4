import { defaultShouldDehydrateQuery, MutationCache, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/** One recipe for server (per request) and browser (one per tab) query clients. */
export function makeQueryClient(opts: { onMutationError?: (error: unknown, meta: Record<string, unknown> | undefined) => void } = {}) {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: (count, error) => count < 2 && !isClientError(error) },
      // Fail fast offline so optimistic changes roll back with a toast and the user keeps
      // their input, instead of sitting paused in memory where a reload would lose them.
      mutations: { networkMode: "always" },
      dehydrate: {
        serializeData: superjson.serialize,
        // Stream queries that are still pending at render time to the client too.
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
    mutationCache: new MutationCache({
      onError: (error, _vars, _ctx, mutation) => opts.onMutationError?.(error, mutation.meta),
    }),
  });
}

function isClientError(error: unknown): boolean {
  const status = (error as { data?: { httpStatus?: number } } | null)?.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}
