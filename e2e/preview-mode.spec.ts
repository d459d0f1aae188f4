/**
 * This app running as a preview deployment (the env the preview driver gives it, decision 032),
 * on its own port (E2E_PORT + 3) beside the e2e servers: the banner names the branch and commit, the sign-in
 * page offers the seeded characters, one click signs in as one of them, and an extend written to
 * the preview's runtime file (as the driver does, decision 037) shows in the banner on the next
 * page load, and so do flag values set for the preview, for a visitor who is not signed in. Needs `next build` of this tree, like the other specs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { hermeticEnv } from "../src/lib/env-keys";
import { previewCookiePrefix } from "../src/server/http/cookie-names";
import { expect, test } from "./support/fixtures";

// +2 is the previews spec's server; the two specs may run at once on the two workers.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 3;
const BASE = `http://127.0.0.1:${PORT}`;
const COMMIT = "abcdef0123456789abcdef0123456789abcdef01";
const HOUR = 3_600_000;
// As the driver names a preview's cookies (decision 037): the e2e server at E2E_PORT, on the same host, keeps `gw_`.
const COOKIE_PREFIX = previewCookiePrefix(randomUUID());

test.describe.configure({ mode: "serial" });

let server: ChildProcess | null = null;
let dir = "";
const runtimeFile = () => path.join(dir, "runtime.json");
const writeRuntime = (expiresAt: Date, flags: Record<string, unknown> = {}) => fs.writeFileSync(runtimeFile(), JSON.stringify({ expiresAt: expiresAt.toISOString(), flags }));

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "groundwork-e2e-preview-"));
  const startedExpiry = new Date(Date.now() + 2 * HOUR + 30 * 60_000);
  writeRuntime(startedExpiry);
  const log = fs.openSync(path.join(dir, "server.log"), "a");
  server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--prod", "--ephemeral", "--hermetic", "--port", String(PORT)], {
    detached: true,
    stdio: ["ignore", log, log],
    env: hermeticEnv({
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      APP_URL: BASE,
      COOKIE_PREFIX,
      PREVIEW_BRANCH: "feature/e2e-preview",
      PREVIEW_COMMIT: COMMIT,
      PREVIEW_EXPIRES_AT: startedExpiry.toISOString(),
      PREVIEW_RUNTIME_FILE: runtimeFile(),
    }) as NodeJS.ProcessEnv,
  });
  await expect
    .poll(async () => (await fetch(`${BASE}/api/health`).catch(() => null))?.status ?? 0, { timeout: 200_000, message: `preview-mode server on ${PORT} (log: ${dir}/server.log)` })
    .toBe(200);
});

test.afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    process.kill(-server.pid, "SIGTERM");
    await exited;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a preview's banner and one-click sign-in as a seeded character", async ({ page }) => {
  await page.goto(`${BASE}/sign-in`);
  const banner = page.getByTestId("preview-banner");
  await expect(banner).toContainText(`Preview of branch feature/e2e-preview at commit ${COMMIT.slice(0, 12)}`);
  await expect(banner).toContainText(/expires in 2 h \d+ min/);

  await page.getByRole("button", { name: /Sign in as Demo User/ }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto(`${BASE}/account`);
  await expect(page.getByTestId("profile-email")).toContainText("demo@groundwork.test");
});

test("signing in to a preview on the same host leaves the staff member's own session in the app alone", async ({ page, context, makeUser, signInAs, baseURL }) => {
  // Cookies ignore ports: the app (127.0.0.1:E2E_PORT) and this preview (127.0.0.1:E2E_PORT+3) share one jar.
  const staff = await makeUser({ staffRole: "product" });
  await signInAs(context, staff.id);
  await page.goto(`${baseURL}/account`);
  await expect(page.getByTestId("profile-email")).toContainText(staff.email);

  await page.goto(`${BASE}/sign-in`);
  await page.getByRole("button", { name: /Sign in as Demo User/ }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  expect((await context.cookies("http://127.0.0.1")).map((c) => c.name).sort()).toEqual(["gw_session", `${COOKIE_PREFIX}session`].sort());

  await page.goto(`${baseURL}/account`);
  await expect(page.getByTestId("profile-email")).toContainText(staff.email);
  await page.goto(`${BASE}/account`);
  await expect(page.getByTestId("profile-email")).toContainText("demo@groundwork.test");
});

test("after an extend, the banner shows the new expiry without a restart", async ({ page }) => {
  writeRuntime(new Date(Date.now() + 26 * HOUR + 30 * 60_000));
  await page.goto(`${BASE}/`);
  await expect(page.getByTestId("preview-banner")).toContainText(/expires in 26 h \d+ min/);
});

test("the seeded owner whose renewal failed sees the past-due banner on every page", async ({ page }) => {
  await page.goto(`${BASE}/sign-in`);
  // Enabled once hydrated (the click would do nothing before): Playwright's click waits for it.
  await page.getByRole("button", { name: /Sign in as Parker Pastdue/ }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  const banner = page.getByTestId("past-due-banner");
  await expect(banner).toContainText("Payment failed for Lapsed Labs.");
  await expect(banner).toContainText(/Pay by \w+ \d+, \d{4} to keep its plan\./);
  await page.goto(`${BASE}/account`);
  await expect(page.getByTestId("past-due-banner")).toContainText("Payment failed for Lapsed Labs.");
  await expect(page.getByRole("link", { name: "Fix billing" })).toHaveAttribute("href", "/w/lapsed-labs/billing");
});

test("flag values set for the preview apply to everyone on the next page load, above targeting", async ({ page }) => {
  await page.goto(`${BASE}/b/groundwork/feedback`);
  await expect(page.getByLabel("Sort")).toHaveValue("top");
  await expect(page.locator('#sort option[value="trending"]')).toHaveCount(1);

  writeRuntime(new Date(Date.now() + 26 * HOUR), { "boards.default-sort": "new", "boards.trending-sort": false });
  await page.reload();
  await expect(page.getByLabel("Sort")).toHaveValue("new");
  await expect(page.locator('#sort option[value="trending"]')).toHaveCount(0);
});
