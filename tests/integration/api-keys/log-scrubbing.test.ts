/**
 * API keys never reach the logs: not when issued, rolled or listed over tRPC, not when sent to
 * the API (valid, mistyped, revoked), not in SQL logging. Every line at debug level is searched
 * for the secrets, their random parts and their stored hashes.
 */
import { vi, afterAll, expect, it } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "debug";
  process.env.LOG_SQL = "1";
});

import { eq } from "drizzle-orm";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { db } from "@/server/db/client";
import { apiKeys } from "@/server/db/schema";
import { api, makeApiWorld } from "../../support/api";
import { readJson, trpcMutation, trpcQuery } from "../../support/http";
import { captureLogs } from "../../support/logs";
import { signedInHeaders } from "../../support/sessions";

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

type Issued = { result: { data: { secret: string; key: { id: string } } } };

it("no log line contains a key, its random part or its hash", async () => {
  const w = await makeApiWorld();
  const headers = await signedInHeaders(w.admin.id);
  const slug = w.workspace.slug;
  const secrets: string[] = [];
  const { lines } = await captureLogs(async () => {
    const created = await readJson<Issued>(await trpcMutation("apiKeys.create", { workspaceSlug: slug, name: "Logged?", scopes: ["posts:read", "usage:read"] }, headers));
    const { secret, key } = created.result.data;
    secrets.push(secret);
    await api("GET", "/api/v1/me", { key: secret });
    await api("GET", "/api/v1/usage?days=oops", { key: secret });
    await api("GET", "/api/v1/me", { key: secret.slice(0, -1) + (secret.endsWith("a") ? "b" : "a") });
    await api("GET", "/api/v1/me", { headers: { authorization: `Token ${secret}` } });
    const rolled = await readJson<Issued>(await trpcMutation("apiKeys.roll", { workspaceSlug: slug, keyId: key.id, graceSeconds: 3600 }, headers));
    secrets.push(rolled.result.data.secret);
    await api("GET", "/api/v1/me", { key: rolled.result.data.secret });
    await trpcQuery("apiKeys.list", { workspaceSlug: slug }, headers);
    await trpcMutation("apiKeys.revoke", { workspaceSlug: slug, keyId: key.id }, headers);
    await api("GET", "/api/v1/me", { key: rolled.result.data.secret });
    await api("GET", "/api/v1/me", { key: secret });
    await usageRecorder().flush();
  });
  const [row] = await db.select({ secretHash: apiKeys.secretHash }).from(apiKeys).where(eq(apiKeys.workspaceId, w.workspace.id));
  const text = lines.map((l) => JSON.stringify(l)).join("\n");
  // The run really was logged (requests, SQL), so an empty log can't pass this test.
  expect(lines.filter((l) => l.msg === "request").length).toBeGreaterThanOrEqual(10);
  expect(lines.filter((l) => l.msg === "sql").length).toBeGreaterThan(10);
  expect(secrets).toHaveLength(2);
  for (const secret of secrets) {
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(12));
    expect(text).not.toContain(secret.slice(8, 38));
  }
  expect(text).not.toContain(row!.secretHash);
});
