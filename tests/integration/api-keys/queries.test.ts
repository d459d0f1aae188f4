/**
 * No N+1: key lists, usage and the request log run a constant number of queries however many
 * rows they return, and a request with a cached key costs no query at all (its rate limit is
 * counted in memory and synced every 200 ms; its quota read every 2 s; its usage batched).
 */
import { afterAll, expect, it } from "vitest";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { currentRequestContext, runWithRequestContext } from "@/server/logging/context";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";
import { api, issueKey, makeApiWorld } from "../../support/api";

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

async function countQueries(fn: () => Promise<unknown>) {
  return runWithRequestContext({ requestId: `req-q-${Math.random()}` }, async () => {
    await fn();
    return currentRequestContext()!.queries.count;
  });
}

it("list, usage and request log: the same number of queries for 1 key as for 12", async () => {
  const counts: number[][] = [];
  for (const n of [1, 12]) {
    const w = await makeApiWorld();
    const caller = await callerWithHeaders(await signedInHeaders(w.admin.id));
    const keys = [];
    for (let i = 0; i < n; i++) keys.push(await issueKey(i % 2 ? w.owner : w.admin, w.workspace, i % 2 ? "owner" : "admin", { name: `key ${i}` }));
    for (const k of keys) await api("GET", "/api/v1/me", { key: k.secret });
    await usageRecorder().flush();
    const slug = w.workspace.slug;
    counts.push([
      await countQueries(() => caller.apiKeys.list({ workspaceSlug: slug })),
      await countQueries(() => caller.apiKeys.usage({ workspaceSlug: slug, days: 14 })),
      await countQueries(() => caller.apiKeys.requestLog({ workspaceSlug: slug, limit: 25 })),
    ]);
  }
  expect(counts[1]).toEqual(counts[0]);
});

it("a request with a cached key costs no query; a cold one four (IP throttle check, lookup, limit, quota)", async () => {
  await apiKeyCache().listener.ready();
  const w = await makeApiWorld();
  const { secret } = await issueKey(w.admin, w.workspace, "admin");
  const queriesOf = (res: { headers: Headers }) => Number(/desc="(\d+) queries"/.exec(res.headers.get("Server-Timing") ?? "")?.[1]);
  expect(queriesOf(await api("GET", "/api/v1/me", { key: secret }))).toBe(4);
  expect(queriesOf(await api("GET", "/api/v1/me", { key: secret }))).toBe(0);
});
