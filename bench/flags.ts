/**
 * Cost of a feature-flag evaluation, in process, against a real (embedded) Postgres holding
 * realistic targeting (rules by user, email domain, plan and cohort, then a 30% rollout):
 *   - the evaluation itself (FlagStore.evaluate: snapshot lookup, rules, murmur3 bucket);
 *   - the same through OpenFeature's server SDK (what call sites use: getFlag);
 *   - baselines measured in the same run: a bare Map.get, and OpenFeature with its no-op provider;
 *   - queries per request: a page's flag work (subject from the request + every browser flag +
 *     two getFlag checks) inside a request context, counted at the driver. Target: 0.
 * Target: evaluation p99 < 10 µs.
 * Run: node --conditions=react-server --import tsx bench/flags.ts   (npm run bench:flags)
 */
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../tools/embedded-postgres";
import { migrateDatabase } from "../src/server/db/migrate";
import { hermeticEnv } from "../src/lib/env-keys";

const embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `groundwork-bench-flags-${process.pid}`), database: "bench", ephemeral: true, fast: true });
Object.assign(process.env, hermeticEnv({ DATABASE_URL: embedded.url, LOG_LEVEL: "silent", NODE_ENV: "production", APP_SECRET: "bench-secret-bench-secret-bench-secret-0000" }));
await migrateDatabase(embedded.url);

const { db, sql } = await import("../src/server/db/client");
const { runWithRequestContext, currentRequestContext } = await import("../src/server/logging/context");
const { createUser } = await import("../src/server/db/factories");
const { createRandom } = await import("../src/lib/random");
const { uuidv7 } = await import("../src/lib/ids");
const { featureFlagCohortMembers } = await import("../src/server/db/schema");
const { updateFlagTargeting } = await import("../src/features/flags/server/update-flag-targeting");
const { flagStore } = await import("../src/server/flags/store");
const { getFlag, evaluateClientFlags } = await import("../src/server/flags/flags");
const { evaluationCounter } = await import("../src/server/flags/evaluation-counter");
const { requestFlagSubject } = await import("../src/server/flags/subject");
const { OpenFeature } = await import("@openfeature/server-sdk");

const N = 200_000;
function stats(samples: Float64Array) {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  let sum = 0;
  for (const s of samples) sum += s;
  return { p50: at(0.5), p99: at(0.99), mean: sum / samples.length };
}
const line = (label: string, s: ReturnType<typeof stats>) => console.log(`  ${label.padEnd(44)} p50 ${s.p50.toFixed(2).padStart(6)} µs   p99 ${s.p99.toFixed(2).padStart(6)} µs   mean ${s.mean.toFixed(2)} µs`);

async function measure(fn: (i: number) => unknown): Promise<Float64Array> {
  const out = new Float64Array(N);
  for (let i = 0; i < 20_000; i++) await fn(i); // warm the JIT
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    const r = fn(i);
    if (r instanceof Promise) await r;
    out[i] = Number(process.hrtime.bigint() - t) / 1000;
  }
  return out;
}

try {
  console.log(`flags bench · node ${process.version} · ${os.cpus().length} CPU(s) · load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const random = createRandom(42);
  const staff = await createUser(db, random, { staffRole: "admin" });
  const members = await Promise.all(Array.from({ length: 200 }, () => createUser(db, random)));
  await db.insert(featureFlagCohortMembers).values(members.map((m) => ({ cohort: "beta", userId: m.id, addedBy: staff.id })));
  const actor = { userId: staff.id, email: staff.email, ip: null };
  await updateFlagTargeting(
    {
      key: "boards.trending-sort",
      version: 0,
      targeting: {
        enabled: true,
        rules: [
          { id: "vip", attribute: "user", values: Array.from({ length: 50 }, () => uuidv7()), serve: true },
          { id: "internal", attribute: "emailDomain", values: ["groundwork.dev", "example.org"], serve: true },
          { id: "pro", attribute: "plan", values: ["pro"], serve: true },
          { id: "beta", attribute: "cohort", values: ["beta"], serve: true },
        ],
        rollout: { percentage: 30, by: "user", serve: true },
        fallthrough: false,
      },
    },
    actor,
    db,
  );
  const store = flagStore();
  await store.ready();
  await store.reload();
  const subjects = Array.from({ length: 4096 }, (_, i) => ({ userId: i % 10 === 0 ? members[i % members.length]!.id : uuidv7(), email: `person${i}@customer${i % 7}.com`, workspaceId: uuidv7(), plan: "free" }));
  const pick = (i: number) => subjects[i & 4095]!;

  console.log(`\nevaluation of boards.trending-sort (4 rules, 200-person cohort, 30% rollout), ${N.toLocaleString("en")} calls each`);
  const map = new Map(subjects.map((s) => [s.userId, true]));
  line("baseline: Map.get", stats(await measure((i) => map.get(pick(i).userId))));
  const inProcess = stats(await measure((i) => store.evaluate("boards.trending-sort", pick(i))));
  line("FlagStore.evaluate (in process)", inProcess);
  OpenFeature.setProvider("bench-noop", { metadata: { name: "noop" }, resolveBooleanEvaluation: async (_k: string, v: boolean) => ({ value: v }), resolveStringEvaluation: async (_k: string, v: string) => ({ value: v }), resolveNumberEvaluation: async (_k: string, v: number) => ({ value: v }), resolveObjectEvaluation: async <T>(_k: string, v: T) => ({ value: v }) } as never);
  const noop = OpenFeature.getClient("bench-noop");
  line("baseline: OpenFeature SDK, no-op provider", stats(await measure((i) => noop.getBooleanValue("boards.trending-sort", false, { targetingKey: pick(i).userId }))));
  const viaSdk = stats(await measure((i) => getFlag("boards.trending-sort", pick(i))));
  line("getFlag (OpenFeature SDK + Groundwork provider)", viaSdk);

  const viewer = { userId: members[0]!.id, email: members[0]!.email, staffRole: null };
  const headers = new Headers({ cookie: "gw_session=abc" });
  let queries = 0;
  const REQUESTS = 1000;
  for (let i = 0; i < REQUESTS; i++) {
    queries += await runWithRequestContext({ requestId: `bench-${i}` }, async () => {
      const subject = requestFlagSubject(viewer, headers, { id: subjects[i & 4095]!.workspaceId, plan: "pro" });
      await evaluateClientFlags(subject);
      await getFlag("boards.trending-sort", subject);
      await getFlag("feedback.similar-posts", subject);
      return currentRequestContext()!.queries.count;
    });
  }
  console.log(`\nqueries per request (subject + ${Object.keys(await evaluateClientFlags({})).length} browser flags + 2 getFlag, ${REQUESTS} requests): ${(queries / REQUESTS).toFixed(3)}   target 0`);
  console.log(`\ntarget: evaluation p99 < 10 µs · in process ${inProcess.p99.toFixed(2)} µs ${inProcess.p99 < 10 ? "✓" : "✗"} · through the SDK ${viaSdk.p99.toFixed(2)} µs ${viaSdk.p99 < 10 ? "✓" : "✗"}`);
  evaluationCounter().stop();
  await store.stop();
} finally {
  await sql.end({ timeout: 1 }).catch(() => {});
  await embedded.stop();
}
