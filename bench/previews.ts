/**
 * Time from "Create" to "ready" for a preview of THIS app (its HEAD commit) on this machine,
 * through the pipeline's own operations (createPreview, then advancePreviewStep per step, as
 * the Inngest function calls them — without the dev server's per-step hop, which is ~poll
 * interval each). Two runs, each in a fresh process (env is read once):
 *   cold:   PREVIEW_INSTALL_CACHE=0 → `npm ci` (npm's own download cache still warm), empty database + migrate
 *   cached: node_modules hardlinked from the cache, database cloned from the migrated template
 * Prints per-step seconds and the totals. Asserts nothing. Each preview is destroyed after.
 *
 * Run: node --conditions=react-server --import tsx bench/previews.ts   (npm run bench:previews;
 *      BENCH_PREVIEW_PORT=N starts the previews from port N, on a machine whose ports are shared)
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

const mode = process.env.BENCH_PREVIEW_MODE;
if (!mode) {
  const { startEmbeddedPostgres } = await import("../tools/embedded-postgres");
  const { migrateDatabase } = await import("../src/server/db/migrate");
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), `groundwork-bench-previews-db-${process.pid}`), database: "bench", ephemeral: true, fast: true });
  await migrateDatabase(embedded.url);
  // BENCH_PREVIEW_ROOT reuses an earlier run's install cache; BENCH_MODES=cached runs one mode.
  const root = process.env.BENCH_PREVIEW_ROOT ?? path.join(os.tmpdir(), `groundwork-bench-previews-${process.pid}`);
  const rows: Record<string, Record<string, number>> = {};
  const failedModes: string[] = [];
  const load = () => os.loadavg().map((n) => n.toFixed(1)).join(", ");
  console.log(`load average at start: ${load()}`);
  for (const m of (process.env.BENCH_MODES ?? "cold,cached").split(",")) {
    const run = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/previews.ts"], {
      env: { ...process.env, BENCH_PREVIEW_MODE: m, BENCH_PREVIEW_ROOT: root, BENCH_DB_URL: embedded.url },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = run.stdout.split("\n").find((l) => l.startsWith("RESULT "));
    if (!line) throw new Error(`bench run ${m} failed:\n${run.stdout}`);
    rows[m] = JSON.parse(line.slice(7));
    // A failed step's message and the end of its log, up to the RESULT line.
    const failure = run.stdout.match(/^FAILED[\s\S]*?(?=^RESULT )/m)?.[0];
    if (failure) {
      failedModes.push(m);
      console.log(`[${m}] ${failure.trim()}`);
    }
  }
  await embedded.stop();
  // Every step any run reached (a failed run stops early), the total last.
  const steps = [...new Set(Object.values(rows).flatMap((r) => Object.keys(r)).filter((k) => k !== "total")), "total"];
  console.log(`\npreview of this app (HEAD), Create → ready, seconds, on ${os.cpus().length} cores:`);
  console.log(["step".padEnd(10), ...Object.keys(rows).map((k) => k.padStart(9))].join(" "));
  for (const step of steps) console.log([step.padEnd(10), ...Object.values(rows).map((r) => (r[step] === undefined ? "—" : r[step]!.toFixed(1)).padStart(9))].join(" "));
  console.log(`load average at end: ${load()}`);
  // Issue 13 asks for the two figures, with no target: "met" means both runs reached ready (the smoke test passed).
  for (const m of Object.keys(rows)) console.log(`${m}: Create → ready ${rows[m]!.total!.toFixed(1)} s — ${failedModes.includes(m) ? "NOT MET: a step failed (above), so it never reached ready" : "reached ready (smoke passed)"}`);
  process.exit(0);
}

const { findFreePort } = await import("../tools/embedded-postgres");
const { hermeticEnv } = await import("../src/lib/env-keys");
const databaseUrl = process.env.BENCH_DB_URL!;
Object.assign(
  process.env,
  hermeticEnv({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "silent",
    NODE_ENV: "development",
    APP_SECRET: "bench-secret-bench-secret-bench-secret-0000",
    INNGEST_DEV: "http://127.0.0.1:9", // createPreview refuses without Inngest; nothing is sent here
    PREVIEW_ROOT: process.env.BENCH_PREVIEW_ROOT!,
    PREVIEW_REPO_PATH: process.cwd(),
    PREVIEW_PORT_BASE: process.env.BENCH_PREVIEW_PORT ?? String(await findFreePort()),
  }),
);
const { db } = await import("../src/server/db/client");
const { createUser } = await import("../src/server/db/factories");
const { createRandom } = await import("../src/lib/random");
const { createPreview } = await import("../src/features/previews/server/create-preview");
const { advancePreviewStep } = await import("../src/features/previews/server/advance-preview-step");
const { teardownPreview } = await import("../src/features/previews/server/teardown-preview");
const { PREVIEW_STEP_NAMES } = await import("../src/features/previews/schemas");

const user = await createUser(db, createRandom(mode === "cold" ? 1 : 2), { staffRole: "product" });
const started = performance.now();
const preview = await createPreview({ ref: "HEAD" }, { userId: user.id, email: user.email, ip: null }, db);
const times: Record<string, number> = {};
let failed = false;
try {
  for (const step of PREVIEW_STEP_NAMES) {
    if (failed) break; // the pipeline stops at a failed step too
    const t = performance.now();
    for (;;) {
      const outcome = await advancePreviewStep(db, { previewId: preview.id, step }, 600_000);
      if (outcome.kind === "failed") {
        const { findStep } = await import("../src/features/previews/server/queries");
        console.log(`FAILED ${step}: ${outcome.message}\n${(await findStep(db, preview.id, step))?.logTail.slice(-3000)}`);
        times[step] = (performance.now() - t) / 1000;
        failed = true;
        break;
      }
      if (outcome.kind !== "pending") break;
    }
    times[step] ??= (performance.now() - t) / 1000;
    console.error(`[${mode}] ${step} ${times[step]!.toFixed(1)} s`);
  }
  times.total = (performance.now() - started) / 1000;
  console.log(`RESULT ${JSON.stringify(times)}`);
} finally {
  await teardownPreview(db, preview.id, "destroyed");
  process.exit(0);
}
