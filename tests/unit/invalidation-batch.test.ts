import { QueryClient, QueryObserver, type QueryKey } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { INVALIDATION_WINDOW_MS, invalidationBatcher } from "@/features/realtime/ui/invalidation-batch";

// A page's live query: an observer keeps it active, so invalidation refetches it.
function watch(client: QueryClient, queryKey: QueryKey) {
  const fetches = { count: 0 };
  const observer = new QueryObserver(client, { queryKey, queryFn: () => ++fetches.count, staleTime: Infinity });
  const unsubscribe = observer.subscribe(() => {});
  return { fetches, unsubscribe };
}

describe("live-event invalidations", () => {
  let client: QueryClient;
  beforeEach(() => {
    vi.useFakeTimers();
    client = new QueryClient();
  });
  afterEach(() => {
    client.clear();
    vi.useRealTimers();
  });

  it("a burst of events refetches each query once, not once per event", async () => {
    const status = watch(client, [["billing", "status"], { input: { workspaceSlug: "acme" }, type: "query" }]);
    const invoices = watch(client, [["billing", "invoices"], { input: { workspaceSlug: "acme" }, type: "query" }]);
    await vi.advanceTimersByTimeAsync(0);
    expect([status.fetches.count, invoices.fetches.count]).toEqual([1, 1]);

    const invalidate = invalidationBatcher(client);
    const changed = [[["billing", "status"]], [["billing", "invoices"]]];
    for (let event = 0; event < 6; event++) invalidate(changed);
    await vi.advanceTimersByTimeAsync(INVALIDATION_WINDOW_MS);
    await vi.waitFor(() => expect([status.fetches.count, invoices.fetches.count]).toEqual([2, 2]));
    await vi.advanceTimersByTimeAsync(1000);
    expect([status.fetches.count, invoices.fetches.count]).toEqual([2, 2]);

    // A later event is a new burst: one more refetch.
    invalidate(changed);
    await vi.advanceTimersByTimeAsync(INVALIDATION_WINDOW_MS);
    await vi.waitFor(() => expect([status.fetches.count, invoices.fetches.count]).toEqual([3, 3]));
    status.unsubscribe();
    invoices.unsubscribe();
  });

  it("a key covered by a broader one in the same burst is not refetched twice", async () => {
    const invoices = watch(client, [["billing", "invoices"], { input: { workspaceSlug: "acme" }, type: "query" }]);
    const members = watch(client, [["workspaces", "members"], { input: { workspaceSlug: "acme" }, type: "query" }]);
    await vi.advanceTimersByTimeAsync(0);
    const invalidate = invalidationBatcher(client);
    invalidate([[["billing", "invoices"], { input: { workspaceSlug: "acme" }, type: "query" }]]);
    invalidate([[["billing"]]]);
    await vi.advanceTimersByTimeAsync(INVALIDATION_WINDOW_MS);
    await vi.waitFor(() => expect(invoices.fetches.count).toBe(2));
    await vi.advanceTimersByTimeAsync(1000);
    expect(invoices.fetches.count).toBe(2);
    expect(members.fetches.count).toBe(1);
    invoices.unsubscribe();
    members.unsubscribe();
  });
});
