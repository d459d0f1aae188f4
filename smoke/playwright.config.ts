/**
 * `npm run smoke -- --url URL [--commit SHA]`: a short check of any running deployment.
 * Its own config, outside e2e/, so `npm test` never runs it against its own servers; it
 * starts no server, it checks the one at SMOKE_URL.
 */
import fs from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const bundled = chromium.executablePath();
  if (bundled && fs.existsSync(bundled)) return bundled;
  return fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

export default defineConfig({
  testDir: ".",
  testMatch: /smoke\.spec\.ts$/,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // A bound, not a wait: a preview on a busy build box (load 20 on 2 cores) took 15+ s to render a board after a reload.
  expect: { timeout: 30_000 },
  reporter: [["list"], ["json", { outputFile: process.env.SMOKE_REPORT ?? ".data/smoke-report.json" }]],
  // Per run (scripts/smoke.ts): two smoke runs at once must not clear each other's traces.
  outputDir: process.env.SMOKE_OUTPUT_DIR ?? ".data/smoke-results",
  use: {
    baseURL: process.env.SMOKE_URL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] },
  },
  projects: [{ name: "smoke", use: { ...devices["Desktop Chrome"] } }],
});
