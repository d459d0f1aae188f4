/** Nightly retention for the API: idempotency records after 24 h, request-log rows after 90 days; counters stay. */
import { eq } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { deleteExpiredIdempotencyKeys, deleteOldApiRequests } from "@/features/api-keys/server/delete-expired-api-records";
import { requestFingerprint } from "@/server/rest/idempotency";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { db } from "@/server/db/client";
import { apiIdempotencyKeys, apiRequestLog, apiUsageDaily } from "@/server/db/schema";
import { issueKey, makeApiWorld } from "../../support/api";

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

it("deletes expired idempotency records and old request-log rows, nothing fresh", async () => {
  const w = await makeApiWorld();
  const { key } = await issueKey(w.admin, w.workspace, "admin");
  const now = new Date();
  const recorder = usageRecorder();
  for (const at of [new Date(now.getTime() - 91 * 86_400_000), new Date(now.getTime() - 89 * 86_400_000), now]) {
    recorder.record({ workspaceId: w.workspace.id, apiKeyId: key.id, method: "GET", path: "/api/v1/me", route: "GET /v1/me", status: 200, latencyMs: 3, ip: null, requestId: `req-${at.getTime()}`, at, billable: true });
  }
  await recorder.flush();
  const idem = (k: string, createdAt: Date) => ({ apiKeyId: key.id, key: k, workspaceId: w.workspace.id, fingerprint: requestFingerprint("POST", "/x", {}), state: "completed" as const, responseStatus: 201, responseBody: {}, createdAt });
  await db.insert(apiIdempotencyKeys).values([idem("old", new Date(now.getTime() - 25 * 3600_000)), idem("fresh", new Date(now.getTime() - 3600_000))]);

  expect(await deleteExpiredIdempotencyKeys(db, now)).toBe(1);
  expect(await deleteOldApiRequests(db, now)).toBe(1);
  expect((await db.select({ key: apiIdempotencyKeys.key }).from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.apiKeyId, key.id))).map((r) => r.key)).toEqual(["fresh"]);
  expect(await db.select().from(apiRequestLog).where(eq(apiRequestLog.apiKeyId, key.id))).toHaveLength(2);
  // The daily counters (charts, billing) are not the log: all three days remain.
  expect(await db.select().from(apiUsageDaily).where(eq(apiUsageDaily.apiKeyId, key.id))).toHaveLength(3);
});
