import fs from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";
import type { E2eOptions } from "./e2e/support/fixtures";
import { stripeDevUrlFile } from "./e2e/support/stripe-dev";
import { hermeticEnv } from "./src/lib/env-keys";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
// Set once in the runner process; workers inherit it and read the same server log.
process.env.E2E_SERVER_LOG ??= `.data/e2e-server-${Date.now()}.log`;
process.env.E2E_DB_URL_FILE ??= process.env.E2E_SERVER_LOG.replace(/\.log$/, ".dburl");
// A second server with realtime over Pusher (scripts/serve.ts --pusher), for the chromium-pusher project.
const PUSHER_PORT = Number(process.env.E2E_PUSHER_PORT ?? PORT + 1);
const PUSHER_BASE_URL = `http://127.0.0.1:${PUSHER_PORT}`;
const PUSHER_SERVER_LOG = process.env.E2E_SERVER_LOG.replace(/\.log$/, "-pusher.log");
const PUSHER_DB_URL_FILE = process.env.E2E_DB_URL_FILE.replace(/\.dburl$/, "-pusher.dburl");

/** Playwright's own Chromium when installed, else Debian's; CHROMIUM_PATH overrides both. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const bundled = chromium.executablePath();
  if (bundled && fs.existsSync(bundled)) return bundled;
  return fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

// Each server runs its own local Stripe gateway; its URL lands beside the database URL file
// (e2e/support/stripe-dev.ts reads it to drive the gateway's test controls).
const serverCommand = (port: number, log: string, dbUrlFile: string, extra = "") =>
  `node --import tsx scripts/serve.ts --prod --ephemeral --hermetic --port ${port} --log-file ${log} --db-url-file ${dbUrlFile} --stripe-dev-url-file ${stripeDevUrlFile(dbUrlFile)}${extra}`;
const serverEnv = (baseUrl: string) => hermeticEnv({ DEV_TOOLS: "1", LOG_LEVEL: "info", APP_URL: baseUrl, NODE_ENV: "production" }) as Record<string, string>;

export default defineConfig<E2eOptions>({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  // Generous, because CI may share its two cores with other work: every wait is for a
  // condition, and these bounds only decide how long a broken test takes to say so.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] } },
    // The realtime specs again (feedback's live flow included), with the browser on Pusher (local pusher-dev) instead of SSE.
    {
      name: "chromium-pusher",
      testMatch: /(realtime|feedback|flags)\.spec\.ts$/,
      metadata: { transport: "pusher" },
      use: { ...devices["Desktop Chrome"], baseURL: PUSHER_BASE_URL, dbUrlFile: PUSHER_DB_URL_FILE },
    },
  ],
  webServer: [
    {
      command: serverCommand(PORT, process.env.E2E_SERVER_LOG, process.env.E2E_DB_URL_FILE),
      url: `${BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "ignore",
      stderr: "pipe",
      env: serverEnv(BASE_URL),
    },
    {
      command: serverCommand(PUSHER_PORT, PUSHER_SERVER_LOG, PUSHER_DB_URL_FILE, " --pusher"),
      url: `${PUSHER_BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "ignore",
      stderr: "pipe",
      env: serverEnv(PUSHER_BASE_URL),
    },
  ],
});
