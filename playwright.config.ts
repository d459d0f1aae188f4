import fs from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";
import { hermeticEnv } from "./src/lib/env-keys";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
// Set once in the runner process; workers inherit it and read the same server log.
process.env.E2E_SERVER_LOG ??= `.data/e2e-server-${Date.now()}.log`;
process.env.E2E_DB_URL_FILE ??= process.env.E2E_SERVER_LOG.replace(/\.log$/, ".dburl");

/** Playwright's own Chromium when installed, else Debian's; CHROMIUM_PATH overrides both. */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const bundled = chromium.executablePath();
  if (bundled && fs.existsSync(bundled)) return bundled;
  return fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `node --import tsx scripts/serve.ts --prod --ephemeral --hermetic --port ${PORT} --log-file ${process.env.E2E_SERVER_LOG} --db-url-file ${process.env.E2E_DB_URL_FILE}`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    env: hermeticEnv({ DEV_TOOLS: "1", LOG_LEVEL: "info", APP_URL: BASE_URL, NODE_ENV: "production" }) as Record<string, string>,
  },
});
