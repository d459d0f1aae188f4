/**
 * postgres.js 3.4.9 kept a dead connection's query and error after its socket closed. When the
 * next login was refused because Postgres was still starting ("the database system is starting
 * up", what a restart answers for its first moments), that FATAL was taken for the old query's:
 * the waiting query was not told, the connection retried the login in a loop with no backoff, and
 * once Postgres was back the stashed error rejected the query anyway. It is how a CI run saw
 * "starting up" from a server that had been up for seconds (decision 055, "stale state").
 * scripts/patch-postgres.mjs clears that state on close; this pins the behaviour through a proxy
 * that plays the starting server.
 */
import net from "node:net";
import postgres from "postgres";
import { afterAll, expect, it } from "vitest";
import { POOL_SETTINGS } from "@/server/db/client";

const target = new URL(process.env.DATABASE_URL!);

/** An ErrorResponse as Postgres sends it when a backend refuses a login. */
function fatal(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0RBackendInitialize\0\0`);
  const head = Buffer.alloc(5);
  head.write("E");
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

/** Passes connections through to Postgres, or (while `starting`) refuses each login as a starting server does. */
const proxy = {
  starting: false,
  refused: 0,
  server: net.createServer((client) => {
    client.on("error", () => {});
    if (proxy.starting) {
      client.once("data", () => {
        proxy.refused += 1;
        client.end(fatal("57P03", "the database system is starting up"));
      });
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    client.pipe(upstream);
    upstream.pipe(client);
    upstream.on("error", () => client.destroy());
    upstream.on("close", () => client.end());
    client.on("close", () => upstream.destroy());
  }),
};
await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
const viaProxy = new URL(target);
viaProxy.port = String((proxy.server.address() as net.AddressInfo).port);

const applicationName = "stale-error-victim";
const admin = postgres(target.toString(), { max: 1, onnotice: () => {} });
const sql = postgres(viaProxy.toString(), { ...POOL_SETTINGS, max: 1, prepare: false, onnotice: () => {}, connection: { application_name: applicationName } });

afterAll(async () => {
  await Promise.all([sql.end({ timeout: 5 }), admin.end({ timeout: 5 })]);
  await new Promise((resolve) => proxy.server.close(resolve));
});

it("a login refused while Postgres starts up rejects the waiting query then, once, and the next query after the restart answers", async () => {
  expect(await sql`select 1 as n`).toEqual([{ n: 1 }]);

  // A query in flight when its backend is terminated (a restart's fast shutdown does this).
  const inFlight = sql`select pg_sleep(30)`.then(
    () => "answered",
    (error: { code?: string }) => error.code,
  );
  const active = () => admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where application_name = ${applicationName} and state = 'active' and query like '%pg_sleep%'`.then(([r]) => r!.n);
  await expect.poll(active).toBe(1);
  await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${applicationName}`;
  expect(await inFlight).not.toBe("answered");

  // Postgres is starting: the next query's login is refused.
  proxy.starting = true;
  const waiting = sql`select 2 as n`.then(
    () => ({ outcome: "answered", starting: proxy.starting }),
    (error: { code?: string }) => ({ outcome: error.code, starting: proxy.starting }),
  );
  // Unpatched, the query is not told: its connection retries the login (dozens of times in
  // 100 ms) until the server is back. Give it ten refusals before playing the server's return.
  let settled = false;
  void waiting.then(() => (settled = true));
  await expect.poll(() => settled || proxy.refused >= 10).toBe(true);
  proxy.starting = false;

  expect(await waiting).toEqual({ outcome: "57P03", starting: true });
  expect(proxy.refused).toBe(1);
  // The restart is over: the next query gets a fresh login and its own answer, not the old error.
  expect(await sql`select 3 as n`).toEqual([{ n: 3 }]);
  expect(await sql`select 4 as n`).toEqual([{ n: 4 }]);
});
