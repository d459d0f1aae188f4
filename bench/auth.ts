/**
 * Cost of authentication per request and of signing in, against a real (embedded) Postgres.
 *   - session validation: queries and microseconds per request (the hot path: every request
 *     with a cookie runs it), measured on a warm pool;
 *   - password hashing: argon2id at the production parameters;
 *   - sign-in throughput: full `signIn` operation (rate-limit checks, hash verify, session
 *     insert, security event), sequential and 8 concurrent.
 * Run: node --conditions=react-server --import tsx bench/auth.ts   (npm run bench:auth)
 */
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../tools/embedded-postgres";
import { migrateDatabase } from "../src/server/db/migrate";
import { hermeticEnv } from "../src/lib/env-keys";

const embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `groundwork-bench-auth-${process.pid}`), database: "bench", ephemeral: true, fast: true });
Object.assign(process.env, hermeticEnv({ DATABASE_URL: embedded.url, LOG_LEVEL: "silent", NODE_ENV: "production", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000" }));
await migrateDatabase(embedded.url);

const { db } = await import("../src/server/db/client");
const { runWithRequestContext, currentRequestContext } = await import("../src/server/logging/context");
const { createSession, validateSessionToken } = await import("../src/server/auth/session");
const { hashPassword } = await import("../src/server/auth/password");
const { createUser } = await import("../src/server/db/factories");
const { createRandom } = await import("../src/lib/random");

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}
const fmt = (n: number, unit: string) => `${n.toFixed(unit === "µs" ? 0 : 2)} ${unit}`;

try {
  console.log(`auth bench · node ${process.version} · ${os.cpus().length} CPU(s) · Postgres ${embedded.url.split("@")[1]}`);
  const user = await createUser(db, createRandom(1));
  const sessions = await Promise.all(Array.from({ length: 200 }, () => createSession(db, { userId: user.id, ip: "127.0.0.1", userAgent: "bench", twoFactorVerified: false })));

  // Warm the pool and the plan cache.
  for (const s of sessions.slice(0, 50)) await validateSessionToken(db, s.token);
  const micros: number[] = [];
  let queries = 0;
  const N = 2000;
  for (let i = 0; i < N; i++) {
    const token = sessions[i % sessions.length]!.token;
    await runWithRequestContext({ requestId: `bench-${i}` }, async () => {
      const t = performance.now();
      await validateSessionToken(db, token);
      micros.push((performance.now() - t) * 1000);
      queries += currentRequestContext()!.queries.count;
    });
  }
  const v = stats(micros);
  console.log(`\nsession validation (${N} requests, warm pool)`);
  console.log(`  queries per request   ${(queries / N).toFixed(3)}  (1 = one indexed lookup; a second only when the session slides or last_seen is stale)`);
  console.log(`  latency               p50 ${fmt(v.p50, "µs")}  p95 ${fmt(v.p95, "µs")}  p99 ${fmt(v.p99, "µs")}  mean ${fmt(v.mean, "µs")}`);

  const hashMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await hashPassword(`bench password number ${i}`);
    hashMs.push(performance.now() - t);
  }
  const h = stats(hashMs);
  console.log(`\nargon2id hash (production parameters, 20 runs)  p50 ${fmt(h.p50, "ms")}  p95 ${fmt(h.p95, "ms")}`);

  const { signIn } = await import("../src/features/auth/server/sign-in");
  const { users } = await import("../src/server/db/schema");
  const { eq } = await import("drizzle-orm");
  const passwordHash = await hashPassword("bench sign-in password");
  const accounts = await Promise.all(Array.from({ length: 40 }, (_, i) => createUser(db, createRandom(100 + i))));
  for (const a of accounts) await db.update(users).set({ passwordHash }).where(eq(users.id, a.id));
  const attempt = (i: number) =>
    signIn({ email: accounts[i % accounts.length]!.email, password: "bench sign-in password" }, { ip: "127.0.0.1", userAgent: "bench", currentSessionId: null }, db);
  await attempt(0);
  const sequentialMs: number[] = [];
  const SEQ = 60;
  const seqStart = performance.now();
  for (let i = 0; i < SEQ; i++) {
    const t = performance.now();
    const result = await attempt(i);
    if (result.kind !== "signed_in") throw new Error(`unexpected sign-in result ${result.kind}`);
    sequentialMs.push(performance.now() - t);
  }
  const seqSeconds = (performance.now() - seqStart) / 1000;
  const CONC = 120;
  const concStart = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < CONC) await attempt(next++);
  }));
  const concSeconds = (performance.now() - concStart) / 1000;
  const s = stats(sequentialMs);
  console.log(`\nsign-in (full operation: lockout check, argon2 verify, session insert, security event, notice email)`);
  console.log(`  sequential   ${(SEQ / seqSeconds).toFixed(1)} sign-ins/s   p50 ${fmt(s.p50, "ms")}  p95 ${fmt(s.p95, "ms")}`);
  console.log(`  8 in flight  ${(CONC / concSeconds).toFixed(1)} sign-ins/s   (argon2 runs on libuv's thread pool; 2 cores bound it)`);
} finally {
  await (await import("../src/server/db/client")).sql.end({ timeout: 2 });
  await embedded.stop();
}
