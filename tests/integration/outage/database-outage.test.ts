/**
 * Postgres goes away and comes back while the app keeps running: during the outage tRPC,
 * /api/v1 and route handlers answer 503 with Retry-After and the request id (never a 500),
 * /api/health says degraded, and once the server is back the same process answers 200 again
 * with no restart. The test runs its own cluster so it can stop it.
 */
import fs from "node:fs";
import { sql as dsql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

const cluster = await vi.hoisted(async () => {
  const [{ default: os }, { default: path }, { startEmbeddedPostgres }, { migrateDatabase }] = await Promise.all([
    import("node:os"),
    import("node:path"),
    import("../../../tools/embedded-postgres"),
    import("../../../src/server/db/migrate"),
  ]);
  const dataDir = path.join(os.tmpdir(), `groundwork-outage-${process.pid}`);
  const first = await startEmbeddedPostgres({ dataDir, database: "groundwork", fast: true });
  await migrateDatabase(first.url);
  process.env.DATABASE_URL = first.url;
  // Small, so the pool-exhaustion case can hold every connection.
  process.env.DATABASE_POOL_MAX = "3";
  const state = { current: first, dataDir, port: first.port };
  return {
    state,
    stop: () => state.current.stop(),
    start: async () => {
      state.current = await startEmbeddedPostgres({ dataDir, port: state.port, database: "groundwork", fast: true });
    },
  };
});

import { GET as health } from "@/app/api/health/route";
import { requestFingerprint, runIdempotent } from "@/server/rest/idempotency";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { db, POOL_SETTINGS, sql } from "@/server/db/client";
import { api, issueKey, makeApiWorld } from "../../support/api";
import { readJson, trpcMutation, trpcQuery, type TrpcErrorBody } from "../../support/http";
import { signedInHeaders } from "../../support/sessions";

let key: string;
let headers: Record<string, string>;

beforeAll(async () => {
  const w = await makeApiWorld();
  key = (await issueKey(w.member, w.workspace, "member", { scopes: ["posts:read"] })).secret;
  headers = await signedInHeaders(w.member.id);
});

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
  await sql.end({ timeout: 1 });
  await cluster.stop();
  fs.rmSync(cluster.state.dataDir, { recursive: true, force: true });
});

it("answers 503 with Retry-After and the request id while Postgres is down, and recovers without a restart", async () => {
  expect((await api("GET", "/api/v1/me", { key })).status).toBe(200);
  expect((await trpcQuery("workspaces.mine", undefined, headers)).status).toBe(200);

  await cluster.stop();

  const rest = await api("GET", "/api/v1/me", { key: `${key.slice(0, -1)}${key.endsWith("a") ? "b" : "a"}`, headers: { "x-request-id": "outage-rest-1" } });
  expect(rest.status).toBe(503);
  expect(rest.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(rest.body.error).toMatchObject({ code: "service_unavailable", requestId: rest.headers.get("x-request-id") });
  expect(rest.headers.get("x-client-request-id")).toBe("outage-rest-1");

  const trpc = await trpcQuery("workspaces.mine", undefined, { ...headers, "x-request-id": "outage-trpc-1" });
  expect(trpc.status).toBe(503);
  expect(trpc.headers.get("retry-after")).toMatch(/^\d+$/);
  const body = await readJson<TrpcErrorBody>(trpc);
  expect(body.error.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503, requestId: "outage-trpc-1" });
  expect(body.error.message).toMatch(/try again/i);

  const down = await readHealth();
  expect(down.httpStatus).toBe(503);
  expect(down.body).toMatchObject({ status: "degraded", checks: { database: { ok: false }, listeners: { ok: false } } });

  await cluster.start();

  // Same process, same pool: it reconnects by itself.
  await expect.poll(async () => (await api("GET", "/api/v1/me", { key })).status, { timeout: 30_000, interval: 200 }).toBe(200);
  expect((await trpcQuery("workspaces.mine", undefined, headers)).status).toBe(200);
  await expect.poll(async () => (await readHealth()).httpStatus, { timeout: 30_000, interval: 250 }).toBe(200);
}, 120_000);

it("a POST in flight when Postgres goes away doesn't leave its Idempotency-Key in progress: the retry after the restart runs", async () => {
  const w = await makeApiWorld();
  const { key: apiKey } = await issueKey(w.admin, w.workspace, "admin");
  const scope = { apiKeyId: apiKey.id, workspaceId: w.workspace.id, key: "in-flight-1", fingerprint: requestFingerprint("POST", "/api/v1/things", { a: 1 }) };
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  // The operation is under way (its key claimed) when the database stops; it answers 503.
  const inFlight = runIdempotent(db, scope, async () => {
    started();
    await gate;
    return { status: 503, body: { error: { code: "service_unavailable" } } };
  });
  await running;
  await cluster.stop();
  release();
  expect(await inFlight).toMatchObject({ kind: "fresh", response: { status: 503 } });
  await cluster.start();
  // The client's retry once the database answers: its key was released, so it runs (no 409 for a minute).
  await expect.poll(async () => (await db.execute(dsql`select 1`).then(() => true, () => false)), { timeout: 30_000, interval: 200 }).toBe(true);
  const retry = await runIdempotent(db, scope, async () => ({ status: 201, body: { id: "created" } }), { waitMs: 30_000 });
  expect(retry).toEqual({ kind: "fresh", response: { status: 201, body: { id: "created" } } });
  // Leave the process as the next test expects it: listeners back too.
  await expect.poll(async () => (await readHealth()).httpStatus, { timeout: 30_000, interval: 250 }).toBe(200);
}, 120_000);

it("a connection waits at most a second before it reconnects, however many failed in the outage", () => {
  // postgres.js's own backoff is (0.5–1) × min(3^retries / 100, 20) s with retries counted
  // pool-wide: after 10 failed connections a query could wait 10–20 s after Postgres came back.
  for (const retries of [0, 1, 3, 10, 30, 100]) {
    const seconds = POOL_SETTINGS.backoff(retries);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(1);
  }
});

type Check = { ok: boolean; detail: string };
type Health = { status: string; checks: { database: Check; pool: Check; listeners: Check; migrations: Check; jobs: Check } };
async function readHealth(): Promise<{ httpStatus: number; body: Health }> {
  const res = await health(new Request("http://localhost:3000/api/health"), {});
  return { httpStatus: res.status, body: (await res.json()) as Health };
}

it("a read-only database is degraded health, and writes answer 503 instead of 500", async () => {
  expect((await readHealth()).body.status).toBe("ok");
  // What a failover to a standby, or an operator fencing the primary, looks like to sessions.
  await sql`alter system set default_transaction_read_only = on`;
  await sql`select pg_reload_conf()`;
  try {
    await expect.poll(async () => (await readHealth()).body.checks.database, { timeout: 10_000 }).toMatchObject({ ok: false, detail: expect.stringContaining("read-only") });
    const write = await trpcMutation("observability.recordPing", { label: "while read-only" }, { "x-request-id": "outage-ro-1" });
    expect(write.status).toBe(503);
    expect(write.headers.get("retry-after")).toMatch(/^\d+$/);
  } finally {
    await sql`alter system reset default_transaction_read_only`;
    await sql`select pg_reload_conf()`;
  }
  await expect.poll(async () => (await readHealth()).body.status, { timeout: 10_000 }).toBe("ok");
});

it("an exhausted pool is degraded health that names DATABASE_POOL_MAX, and clears when connections come back", async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held = Array.from({ length: 3 }, () => db.transaction(async (tx) => {
    await tx.execute(dsql`select 1`);
    await gate;
  }));
  try {
    const exhausted = await readHealth();
    expect(exhausted.httpStatus).toBe(503);
    expect(exhausted.body.checks.pool).toMatchObject({ ok: false, detail: expect.stringContaining("DATABASE_POOL_MAX") });
    expect(exhausted.body.checks.database.ok).toBe(true);
  } finally {
    release();
    await Promise.all(held);
  }
  expect((await readHealth()).body.checks.pool.ok).toBe(true);
}, 30_000);
