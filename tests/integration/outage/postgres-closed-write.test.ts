/**
 * postgres.js 3.4.9 buffers small writes behind a setImmediate; a query sent on a connection
 * whose socket already closed threw from that timer (porsager/postgres#1154, #1208): an uncaught
 * exception no caller could catch, and a connection that never sent a startup message again, so
 * its later queries failed with CONNECT_TIMEOUT while Postgres was up (decision 055).
 * scripts/patch-postgres.mjs (postinstall) fixes it; this pins the behaviour: such a query is
 * rejected with CONNECTION_CLOSED, the pool recovers, and the client still ends.
 */
import postgres from "postgres";
import { afterEach, expect, it } from "vitest";
import { POOL_SETTINGS } from "@/server/db/client";

const clients: postgres.Sql[] = [];
const client = (max: number, onclose?: () => void) => {
  const sql = postgres(process.env.DATABASE_URL!, { ...POOL_SETTINGS, max, prepare: false, onnotice: () => {}, onclose });
  clients.push(sql);
  return sql;
};
afterEach(async () => {
  await Promise.all(clients.splice(0).map((sql) => sql.end({ timeout: 5 })));
});

it("a query on a connection whose server went away is rejected as CONNECTION_CLOSED, and the pool goes on", async () => {
  const admin = client(1);
  let closes = 0;
  const sql = client(2, () => closes++);
  const reserved = await sql.reserve();
  const [row] = await reserved<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const pid = row!.pid;
  await admin`select pg_terminate_backend(${pid})`;
  // The reserved connection hears of it when the server's close arrives. Until the client has
  // handled that close, a write still goes out and the peer answers it with a reset (ECONNRESET),
  // a different path than the one pinned here; so wait for the client's own close event.
  await expect.poll(() => admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where pid = ${pid}`.then(([r]) => r!.n)).toBe(0);
  await expect.poll(() => closes).toBe(1);

  for (let i = 0; i < 3; i++) await expect(reserved`select 1`).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
  reserved.release();

  // The pool gets its connection back: at most the first query on it fails, then it reconnects.
  const outcomes: string[] = [];
  for (let i = 0; i < 4; i++) outcomes.push(await sql`select 1 as n`.then(() => "ok", (e: { code?: string }) => String(e.code)));
  expect(outcomes.filter((o) => o !== "ok").every((o) => o === "CONNECTION_CLOSED")).toBe(true);
  expect(outcomes.slice(-2)).toEqual(["ok", "ok"]);
});
