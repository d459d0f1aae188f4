/**
 * The monthly quota's count is read from Postgres at most once per workspace at a time: when it
 * is missing, every request waits on the one read; when it went stale (2 s), requests are served
 * from it while one read runs in the background; past 10 s they wait for a fresh one. Before,
 * each request that found the count stale ran its own read and waited for it — dozens of
 * identical queries at 64 connections, and requests that took hundreds of milliseconds
 * (decision 040). Time is passed in, so the ages here are exact.
 */
import { eq } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { createQuota } from "@/features/api-keys/server/verify/quota";
import { createUsageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { billingPeriodStart } from "@/lib/plans";
import { currentRequestContext, runWithRequestContext } from "@/server/logging/context";
import { db } from "@/server/db/client";
import { apiUsagePeriods } from "@/server/db/schema";
import { makeApiWorld } from "../../support/api";

const recorder = createUsageRecorder({ intervalMs: 60_000 });
afterAll(() => recorder.stop());

/** Runs `fn` in a request context and returns what it returned and how many queries it (and what it started) ran. */
async function counted<T>(fn: () => Promise<T>): Promise<{ value: T; queries: () => number }> {
  return runWithRequestContext({ requestId: `quota-${Math.random()}` }, async () => {
    const ctx = currentRequestContext()!;
    return { value: await fn(), queries: () => ctx.queries.count };
  });
}

it("many requests for a workspace with no count yet share one read", async () => {
  const w = await makeApiWorld();
  const now = new Date();
  await db.insert(apiUsagePeriods).values({ workspaceId: w.workspace.id, periodStart: billingPeriodStart(now), requests: 42 });
  const quota = createQuota({ recorder });

  const { value, queries } = await counted(() => Promise.all(Array.from({ length: 50 }, () => quota.check(w.workspace.id, "free", now))));

  expect(queries()).toBe(1);
  expect(new Set(value.map((q) => q.used))).toEqual(new Set([42]));
});

it("a stale count is served at once while one read refreshes it; past 10 s requests wait for the read", async () => {
  const w = await makeApiWorld();
  const t0 = new Date();
  const periodStart = billingPeriodStart(t0);
  await db.insert(apiUsagePeriods).values({ workspaceId: w.workspace.id, periodStart, requests: 100 });
  const quota = createQuota({ recorder });
  expect((await quota.check(w.workspace.id, "free", t0)).used).toBe(100);

  // Another process wrote more meanwhile.
  await db.update(apiUsagePeriods).set({ requests: 250 }).where(eq(apiUsagePeriods.workspaceId, w.workspace.id));

  // Fresh (under 2 s): served from memory, no read.
  const fresh = await counted(async () => quota.checkNow(w.workspace.id, "free", new Date(t0.getTime() + 1_500)));
  expect(fresh.value?.used).toBe(100);
  expect(fresh.queries()).toBe(0);

  // Stale (3 s): still answered without waiting, from the old count, and a single read starts.
  const t3 = new Date(t0.getTime() + 3_000);
  const stale = await counted(async () => [0, 1, 2, 3, 4].map(() => quota.checkNow(w.workspace.id, "free", t3)));
  expect(stale.value.map((q) => q?.used)).toEqual([100, 100, 100, 100, 100]);
  await expect.poll(() => quota.checkNow(w.workspace.id, "free", t3)?.used).toBe(250);
  expect(stale.queries()).toBe(1);

  // Too old to serve (over 10 s past the last read): no answer without a read, and check() waits for it.
  await db.update(apiUsagePeriods).set({ requests: 400 }).where(eq(apiUsagePeriods.workspaceId, w.workspace.id));
  const late = new Date(t3.getTime() + 10_500);
  expect(quota.checkNow(w.workspace.id, "free", late)).toBeNull();
  expect((await quota.check(w.workspace.id, "free", late)).used).toBe(400);
});
