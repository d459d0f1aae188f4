/**
 * How long a security rule takes to apply in another process: a staff change commits through
 * one connection, and a second store (its own LISTEN connection, as another app process has)
 * is timed from the commit until its snapshot shows the change. Against a real (embedded)
 * Postgres. Also: the cost of a sign-up check against a snapshot holding 1,000 rules.
 * Target: propagation p95 < 1 s.
 * Run: node --conditions=react-server --import tsx bench/security-rules.ts   (npm run bench:security-rules)
 */
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../tools/embedded-postgres";
import { migrateDatabase } from "../src/server/db/migrate";
import { hermeticEnv } from "../src/lib/env-keys";

const embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `groundwork-bench-rules-${process.pid}`), database: "bench", ephemeral: true, fast: true });
Object.assign(process.env, hermeticEnv({ DATABASE_URL: embedded.url, LOG_LEVEL: "silent", NODE_ENV: "production", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000" }));
await migrateDatabase(embedded.url);

const { db, sql } = await import("../src/server/db/client");
const { createUser } = await import("../src/server/db/factories");
const { createRandom } = await import("../src/lib/random");
const { securityRules } = await import("../src/server/db/schema");
const { addSecurityRule } = await import("../src/features/security-rules/server/add-security-rule");
const { removeSecurityRule } = await import("../src/features/security-rules/server/remove-security-rule");
const { createSecurityRulesStore, stopSecurityRulesStore } = await import("../src/server/security-rules/store");
const { assertSignUpAllowed } = await import("../src/server/security-rules/checks");

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const summary = (samples: number[], unit: string) => {
  const s = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(s, 0.5).toFixed(1)} ${unit} · p95 ${percentile(s, 0.95).toFixed(1)} ${unit} · max ${s.at(-1)!.toFixed(1)} ${unit} (n=${s.length})`;
};

console.log(`security-rules bench · node ${process.version} · ${os.cpus().length} CPU(s) · load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const staff = (await createUser(db, createRandom(1), { staffRole: "support" }))!;
const actor = { userId: staff.id, email: staff.email, ip: null };
const other = createSecurityRulesStore({ databaseUrl: embedded.url, applicationName: "bench-other-process" });
await other.ready();

const ROUNDS = 60;
const propagation: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const value = `wave-${i}.example`;
  const seen = new Promise<number>((resolve) => {
    const off = other.onChange((snapshot) => {
      if (snapshot.blockedEmailDomains.has(value)) {
        off();
        resolve(performance.now());
      }
    });
  });
  // From the start of the staff member's call (transaction and audit included): an upper bound.
  const started = performance.now();
  const rule = await addSecurityRule({ kind: "blocked_email_domain", value, action: "refuse" }, actor, db);
  propagation.push((await seen) - started);
  if (i % 2 === 0) await removeSecurityRule({ id: rule.id }, actor, db);
}
console.log(`propagation to another store (staff call → its snapshot): ${summary(propagation, "ms")}`);

await db.insert(securityRules).values(Array.from({ length: 1000 }, (_, i) => ({ kind: "blocked_ip_range" as const, value: `10.${Math.floor(i / 250)}.${i % 250}.0/24`, createdBy: staff.id })));
await assertSignUpAllowed({ email: "warm@example.com", ip: "192.0.2.1" });
await new Promise((r) => setTimeout(r, 200));
const checks: number[] = [];
for (let i = 0; i < 20_000; i++) {
  const t = performance.now();
  await assertSignUpAllowed({ email: `p${i}@example.com`, ip: "192.0.2.1" });
  checks.push((performance.now() - t) * 1000);
}
console.log(`sign-up check with ~1,000 IP ranges + the disposable list: ${summary(checks, "µs")}`);
const p95 = percentile([...propagation].sort((a, b) => a - b), 0.95);
console.log(`\ntarget: propagation p95 < 1000 ms · ${p95.toFixed(1)} ms ${p95 < 1000 ? "✓" : "✗"}`);

await other.stop();
await stopSecurityRulesStore();
await sql.end({ timeout: 1 });
await embedded.stop();
