/**
 * Two app processes on one Postgres, each with its own key cache: a key revoked through this
 * process is refused by the other within a second (NOTIFY is the only link between them).
 */
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { revokeApiKey } from "@/features/api-keys/server/revoke-api-key";
import { updateApiKey } from "@/features/api-keys/server/update-api-key";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { db } from "@/server/db/client";
import { CHILD_TEST_TIMEOUT_MS, startChildProcess } from "../../support/child-process";
import { actorFor, issueKey, makeApiWorld } from "../../support/api";

let child: Awaited<ReturnType<typeof startChildProcess>>;
const childMe = (key: string) => child.ask(`me ${key}`) as Promise<{ status?: number; code?: string | null; cached?: number }>;

beforeAll(async () => {
  child = await startChildProcess(path.join(import.meta.dirname, "api-child.ts"));
}, CHILD_TEST_TIMEOUT_MS);

afterAll(async () => {
  await child?.stop();
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

async function refusedWithin(key: string, ms: number) {
  const started = Date.now();
  for (;;) {
    const answer = await childMe(key);
    if (answer.status !== 200) return { answer, elapsed: Date.now() - started };
    if (Date.now() - started > ms) return { answer, elapsed: Date.now() - started };
  }
}

it("a key revoked through this process is refused by the other within one second", async () => {
  const w = await makeApiWorld();
  const { secret, key } = await issueKey(w.admin, w.workspace, "admin");
  // Warm the other process's cache: from here on it answers without reading the key.
  expect((await childMe(secret)).status).toBe(200);
  expect(await childMe(secret)).toMatchObject({ status: 200, cached: 1 });

  const started = Date.now();
  await revokeApiKey({ keyId: key.id }, actorFor(w.admin, w.workspace, "admin"), db);
  const { answer } = await refusedWithin(secret, 1_000);
  const elapsed = Date.now() - started;
  expect(answer).toMatchObject({ status: 401, code: "api_key_revoked" });
  expect(elapsed).toBeLessThan(1_000);
});

it("an edit through this process reaches the other's cache within one second", async () => {
  const w = await makeApiWorld();
  const { secret, key } = await issueKey(w.admin, w.workspace, "admin", { rateLimitPerMinute: 1000 });
  expect((await childMe(secret)).status).toBe(200);
  await updateApiKey({ keyId: key.id, rateLimitPerMinute: 2 }, actorFor(w.admin, w.workspace, "admin"), db);
  // The child's rate limit is now 2/minute: the third request in the window is refused.
  const started = Date.now();
  let last = await childMe(secret);
  while (last.status === 200 && Date.now() - started < 1_000) last = await childMe(secret);
  expect(last).toMatchObject({ status: 429, code: "rate_limited" });
});
