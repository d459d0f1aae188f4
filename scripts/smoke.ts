/**
 * `npm run smoke -- --url URL [--commit SHA] [--email E --password P --workspace SLUG --board PATH]`
 * Runs smoke/smoke.spec.ts against a running deployment and prints one summary line.
 * Exit 0 when every check passed. Defaults sign in as the seeded owner (previews, local);
 * against production pass a dedicated smoke account (SMOKE_PASSWORD may come from the env).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    commit: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    workspace: { type: "string" },
    board: { type: "string" },
  },
});
if (!values.url || !/^https?:\/\//.test(values.url)) {
  console.error("--url is required: the deployment's base URL, e.g. --url https://app.example.com");
  process.exit(2);
}

const report = path.resolve(`.data/smoke-report-${process.pid}.json`);
const results = path.resolve(`.data/smoke-results-${process.pid}`);
fs.mkdirSync(path.dirname(report), { recursive: true });
const env: NodeJS.ProcessEnv = { ...process.env, SMOKE_URL: values.url.replace(/\/$/, ""), SMOKE_REPORT: report, SMOKE_OUTPUT_DIR: results };
for (const [flag, name] of [["commit", "SMOKE_COMMIT"], ["email", "SMOKE_EMAIL"], ["password", "SMOKE_PASSWORD"], ["workspace", "SMOKE_WORKSPACE"], ["board", "SMOKE_BOARD"]] as const) {
  if (values[flag]) env[name] = values[flag];
}

const cli = path.join(process.cwd(), "node_modules", "@playwright", "test", "cli.js");
const run = spawnSync(process.execPath, [cli, "test", "-c", "smoke/playwright.config.ts"], { stdio: "inherit", env });

type Spec = { title: string; tests: Array<{ results: Array<{ status: string; error?: { message?: string } }> }> };
let specs: Spec[] = [];
try {
  specs = (JSON.parse(fs.readFileSync(report, "utf8")) as { suites: Array<{ specs: Spec[] }> }).suites.flatMap((s) => s.specs);
} catch {
  // No report: Playwright failed before running anything; its output above says why.
}
fs.rmSync(report, { force: true });
const status = (s: Spec) => s.tests[0]?.results.at(-1)?.status ?? "skipped";
const passed = specs.filter((s) => status(s) === "passed");
const failed = specs.filter((s) => ["failed", "timedOut", "interrupted"].includes(status(s)));
const skipped = specs.length - passed.length - failed.length;
console.log("");
for (const s of specs) console.log(`${status(s) === "passed" ? "✔" : status(s) === "skipped" ? "–" : "✘"} ${s.title}`);
const verdict = run.status === 0 && failed.length === 0 && passed.length > 0 ? "PASSED" : "FAILED";
console.log(`\nsmoke ${verdict} against ${env.SMOKE_URL}${values.commit ? ` (commit ${values.commit})` : ""}`);
console.log(`smoke: ${passed.length} passed, ${failed.length} failed${skipped ? `, ${skipped} skipped` : ""}`);
if (verdict === "PASSED") fs.rmSync(results, { recursive: true, force: true });
else if (fs.existsSync(results)) console.log(`smoke: traces of the failed check in ${results} (npx playwright show-trace <its trace.zip>)`);
process.exit(verdict === "PASSED" ? 0 : 1);
