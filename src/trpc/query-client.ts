import { defaultShouldDehydrateQuery, MutationCache, QueryClient } from "@tanstack/react-query";

/** How query data crosses from the server's render to the browser's cache. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- superjson's deserialize takes its own envelope type
export type DataCodec = { serialize(data: unknown): unknown; deserialize(data: any): unknown };

/**
 * One recipe for server (per request) and browser (one per tab) query clients. The server
 * dehydrates with superjson; the browser hydrates with the wire codec that reads superjson's
 * format without its code (decision 041).
 */
export function makeQueryClient(opts: { codec: DataCodec; onMutationError?: (error: unknown, meta: Record<string, unknown> | undefined) => void }) {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: (count, error) => count < 2 && !isClientError(error) },
      // Fail fast offline so optimistic changes roll back with a toast and the user keeps
      // their input, instead of sitting paused in memory where a reload would lose them.
      mutations: { networkMode: "always" },
      dehydrate: {
        serializeData: opts.codec.serialize,
        // Stream queries that are still pending at render time to the client too.
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: opts.codec.deserialize },
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
