/**
 * A product staff member previews a branch of a fixture repository from the console, watches
 * it reach "ready" live, sets a flag value for it, opens it (the flag shows) and destroys it;
 * nothing of it is left; a failing step shows the end of its log and "Retry" resumes from it; a
 * preview whose server died is reported and restarted. The last test is issue 13's proof in one
 * flow on this app itself (its existing build, decision 037), one-click sign-in included. Previews run only as
 * Inngest functions, so this spec starts its own server (port E2E_PORT + 2) with the local
 * Inngest dev server (`serve.ts --inngest`, NODE_ENV=test) and the fixture repository
 * (tests/integration/previews/fixture-repo.ts: the same scripts contract as this app, built in
 * seconds instead of minutes).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { hermeticEnv } from "../src/lib/env-keys";
import { makeFixtureRepo } from "../tests/integration/previews/fixture-repo";
import type { Locator, Page } from "@playwright/test";
import { expect, test, type E2eDb } from "./support/fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
const BASE = `http://127.0.0.1:${PORT}`;
const dbUrlFile = path.resolve(`.data/e2e-previews-${PORT}.dburl`);
const log = path.resolve(`.data/e2e-previews-${PORT}.log`);
let server: ChildProcess;
let fixture: ReturnType<typeof makeFixtureRepo>;

/** "Destroy now" from the console, then nothing of the preview is left: its process (the port answers nothing), its database, its worktree. */
async function destroyAndExpectNothingLeft(page: Page, card: Locator, db: E2eDb, url: string, previewId: string) {
  await card.getByRole("button", { name: "Destroy now" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Destroy", exact: true }).click();
  await expect(card).toHaveAttribute("data-state", "destroyed", { timeout: 60_000 });

  // Nothing left: the process (its port answers nothing), the database, the worktree.
  await expect.poll(() => fetch(url).then(() => "answering", () => "gone")).toBe("gone");
  const databases = await db.execute(sql`select datname from pg_database where datname = ${`gw_preview_${previewId.replace(/-/g, "")}`}`);
  expect(databases).toHaveLength(0);
  expect(fs.existsSync(path.join(fixture.root, previewId))).toBe(false);
}

test.use({ baseURL: BASE, dbUrlFile });
test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(360_000);
  fixture = makeFixtureRepo({ app: process.cwd() });
  fs.mkdirSync(path.dirname(log), { recursive: true });
  fs.rmSync(log, { force: true });
  const out = fs.openSync(log, "a");
  server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--prod", "--ephemeral", "--hermetic", "--inngest", "--port", String(PORT), "--db-url-file", dbUrlFile], {
    env: hermeticEnv({
      NODE_ENV: "test",
      APP_URL: BASE,
      LOG_LEVEL: "warn",
      PREVIEW_REPO_PATH: fixture.repo,
      PREVIEW_ROOT: fixture.root,
      PREVIEW_PORT_BASE: process.env.PREVIEW_PORT_BASE || String(PORT + 500),
    }),
    stdio: ["ignore", out, out],
  });
  // Its own Postgres, migrations, `next start` and the Inngest sync: minutes on a busy machine.
  // A server that exits or a sync that gives up ends the wait at once, with its log.
  let exited = false;
  server.once("exit", () => (exited = true));
  // The log's end without the gateway's webhook retries (it is up before the app and retries until it answers).
  const tail = () =>
    fs.existsSync(log)
      ? fs.readFileSync(log, "utf8").split("\n").filter((line) => !line.includes("[stripe-dev] webhook")).slice(-40).join("\n")
      : "(no log)";
  await expect
    .poll(
      async () => {
        const text = fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "";
        if (exited || text.includes("Inngest sync with")) throw new Error(`the previews server did not start:\n${tail()}`);
        return text.includes("Synced") && (await fetch(`${BASE}/api/health`).then((r) => r.status).catch(() => 0));
      },
      { timeout: 330_000, intervals: [1_000], message: "the previews server answers /api/health and has synced its Inngest functions" },
    )
    .toBe(200);
});

test.afterAll(async ({}, testInfo) => {
  // Stopping the previews server (its Postgres, its Inngest stand-in) ran past the 90 s hook bound at load 8 in CI.
  testInfo.setTimeout(240_000);
  // A preview's server is detached from ours: stop any a failed test left running.
  if (fs.existsSync(dbUrlFile)) {
    const client = postgres(fs.readFileSync(dbUrlFile, "utf8").trim(), { max: 1, onnotice: () => {} });
    const rows = await client<{ pid: number }[]>`select pid from previews where pid is not null`.catch(() => []);
    for (const { pid } of rows) {
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await client.end();
  }
  if (server && server.exitCode === null && server.signalCode === null) {
    const exit = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    // Cleanup, not a test: a server still shutting down after two minutes is killed outright.
    const kill = setTimeout(() => server.kill("SIGKILL"), 120_000);
    await exit;
    clearTimeout(kill);
  }
  fixture?.remove();
});

test("product staff create a preview of a branch, watch it reach ready, open it and destroy it; nothing is left", async ({ page, db, makeUser, signInAs, context }) => {
  test.setTimeout(180_000);
  const staff = await makeUser({ staffRole: "product" });
  await signInAs(context, staff.id);
  await page.goto("/admin/previews");
  await expect(page.getByRole("heading", { name: "Previews", level: 1 })).toBeVisible();
  await expect(page.getByTestId("branch-list")).toContainText("broken-build");

  // Subscribed before anything is published: the live log below is only what streams in.
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  await page.getByRole("button", { name: "Preview main" }).click();
  await expect(page.getByLabel("Branch or commit")).toHaveValue("main");
  // The fixture's build waits while this file exists, printing a line a second: the running step's log streams in live.
  const hold = path.join(fixture.root, "hold-build");
  fs.writeFileSync(hold, "");
  await page.getByRole("button", { name: "Create preview" }).click();

  const card = page.getByTestId("preview-card").first();
  await expect(card).toContainText("main");
  try {
    await expect(card.locator('[data-step="build"]')).toHaveAttribute("data-status", "running", { timeout: 90_000 });
    await expect(card.getByTestId("preview-log")).toContainText("build held until hold-build goes");
    await expect(card.locator('[data-step="seed"]')).toHaveAttribute("data-status", "done");
    expect(Number(await card.getByRole("progressbar").getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  } finally {
    fs.rmSync(hold, { force: true });
  }
  // Live: the steps tick off and the bar fills without a reload.
  await expect(card).toHaveAttribute("data-state", "ready", { timeout: 90_000 });
  await expect(card.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  for (const step of ["checkout", "install", "database", "migrate", "seed", "build", "start", "health", "smoke"]) {
    await expect(card.locator(`[data-step="${step}"]`)).toHaveAttribute("data-status", "done");
  }
  const previewId = (await card.getAttribute("data-preview-id"))!;

  // A flag value for this preview, set from its Flags panel at 360 px: the preview serves it on its next page load.
  await page.setViewportSize({ width: 360, height: 740 });
  const flags = card.getByTestId("preview-flags");
  await flags.locator("summary").click();
  await expect(flags).toContainText("It applies on the preview's next page load");
  const sort = flags.getByTestId("preview-flag").and(page.locator('[data-flag="boards.default-sort"]'));
  await sort.getByLabel("boards.default-sort", { exact: true }).selectOption("new");
  await sort.getByRole("button", { name: "Set boards.default-sort" }).click();
  await expect(sort.getByTestId("preview-flag-current")).toHaveText('Set to "new"');
  await expect(flags.locator("summary")).toContainText("1 set");
  expect(await page.evaluate(() => document.querySelector("main")!.scrollWidth - document.querySelector("main")!.clientWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });

  // The same run on the jobs page, step by step.
  const jobs = await context.newPage();
  await jobs.goto("/staff/jobs");
  await expect(jobs.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  // This preview's run is the one not cancelled (an earlier repeat's was, by its "Destroy now").
  const run = jobs.getByTestId("run-row").filter({ hasText: "groundwork-preview-pipeline" }).filter({ hasNotText: "cancelled" });
  await run.getByRole("button", { name: "Details" }).click();
  await expect(run).toContainText(previewId);
  const runSteps = run.getByRole("list", { name: "Steps" });
  for (const step of ["checkout", "install", "database", "migrate", "seed", "build", "start", "health", "smoke", "ready"]) {
    await expect(runSteps.getByText(step, { exact: true })).toBeVisible();
  }
  await jobs.close();

  const opened = page.waitForEvent("popup");
  await card.getByTestId("preview-url").click();
  const preview = await opened;
  await expect(preview.locator("body")).toContainText("Preview of main");
  // The set was optimistic: the preview has it once the server has written its runtime file (no timing assumed).
  const previewText = async () => {
    await preview.reload();
    return preview.locator("body").innerText();
  };
  await expect.poll(previewText).toContain('flag boards.default-sort = "new"');
  const url = preview.url();

  // Cleared: the preview's next load no longer has it.
  await sort.getByRole("button", { name: "Clear boards.default-sort" }).click();
  await expect(sort.getByTestId("preview-flag-current")).toHaveText("Not set: its targeting applies");
  await expect(flags.locator("summary")).toContainText("none set");
  await expect.poll(previewText).not.toContain("flag boards.default-sort");
  await expect(preview.locator("body")).toContainText("Preview of main");
  await preview.close();

  await destroyAndExpectNothingLeft(page, card, db, url, previewId);
});

test("a failing step shows with the end of its log, and Retry resumes from it", async ({ page, makeUser, signInAs, context }) => {
  test.setTimeout(180_000);
  const staff = await makeUser({ staffRole: "product" });
  await signInAs(context, staff.id);
  await page.goto("/admin/previews");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  await page.getByLabel("Branch or commit").fill("broken-build");
  await page.getByRole("button", { name: "Create preview" }).click();

  const card = page.getByTestId("preview-card").filter({ hasText: "broken-build" }).first();
  await expect(card).toHaveAttribute("data-state", "failed", { timeout: 120_000 });
  await expect(card.locator('[data-step="build"]')).toHaveAttribute("data-status", "failed");
  await expect(card.locator('[data-step="start"]')).toHaveAttribute("data-status", "pending");
  await expect(card.getByRole("alert")).toHaveText("Build failed: exited with code 1");
  const log = card.getByTestId("preview-log");
  await expect(log).toHaveAttribute("aria-label", "End of the build log");
  await expect(log).toContainText("error: the build is broken (no allow-build file)");
  const before = Object.fromEntries(
    await Promise.all(["checkout", "install", "database", "migrate", "seed"].map(async (step) => [step, await card.locator(`[data-step="${step}"]`).getAttribute("data-ended-at")] as const)),
  );
  for (const endedAt of Object.values(before)) expect(endedAt).toBeTruthy();

  // The fix lands (the fixture's build passes once allow-build exists); Retry runs the build again, not the steps before it.
  fs.writeFileSync(path.join(fixture.root, "allow-build"), "");
  const previewId = (await card.getAttribute("data-preview-id"))!;
  try {
    await card.getByRole("button", { name: "Retry from build" }).click();
    await expect(card).toHaveAttribute("data-state", "ready", { timeout: 120_000 });
  } finally {
    fs.rmSync(path.join(fixture.root, "allow-build"), { force: true });
  }
  await expect(card.getByRole("alert")).toHaveCount(0);
  await expect(card.locator('[data-step="build"]')).toHaveAttribute("data-status", "done");
  for (const [step, endedAt] of Object.entries(before)) await expect(card.locator(`[data-step="${step}"]`)).toHaveAttribute("data-ended-at", endedAt!);

  await card.getByRole("button", { name: "Destroy now" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Destroy", exact: true }).click();
  await expect(card).toHaveAttribute("data-state", "destroyed", { timeout: 60_000 });
  expect(fs.existsSync(path.join(fixture.root, previewId))).toBe(false);
});

test("the console works at 360 px and refuses support staff", async ({ page, makeUser, signInAs, context }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const staff = await makeUser({ staffRole: "product" });
  await signInAs(context, staff.id);
  await page.goto("/admin/previews");
  await expect(page.getByRole("button", { name: "Create preview" })).toBeVisible();
  // The console's own content fits (the shared site header is not this page's; see the report).
  const overflow = await page.evaluate(() => {
    const main = document.querySelector("main")!;
    return main.scrollWidth - main.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);

  await context.clearCookies();
  const support = await makeUser({ staffRole: "support" });
  await signInAs(context, support.id);
  const response = await page.goto("/admin/previews");
  expect(response?.status()).toBe(404);
});

test("a preview whose server died is reported as stopped, and Restart brings it back to ready", async ({ page, db, makeUser, signInAs, context }) => {
  test.setTimeout(240_000);
  const staff = await makeUser({ staffRole: "product" });
  await signInAs(context, staff.id);
  await page.goto("/admin/previews");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  await page.getByLabel("Branch or commit").fill("main");
  await page.getByRole("button", { name: "Create preview" }).click();
  const card = page.getByTestId("preview-card").and(page.locator('[data-state]:not([data-state="destroyed"])')).first();
  await expect(card).toHaveAttribute("data-state", "ready", { timeout: 120_000 });
  const previewId = (await card.getAttribute("data-preview-id"))!;
  const url = (await card.getByTestId("preview-url").textContent())!;
  const pidOf = async () => (await db.execute<{ pid: number | null }>(sql`select pid from previews where id = ${previewId}`))[0]!.pid;
  const firstPid = (await pidOf())!;

  // The server dies under it (not through the console); the reconciler's cron (each minute) notices.
  process.kill(-firstPid, "SIGKILL");
  await expect.poll(() => fetch(url).then(() => "answering", () => "gone")).toBe("gone");
  await expect(card).toHaveAttribute("data-state", "dead", { timeout: 150_000 });
  await expect(card.getByTestId("preview-state")).toHaveText("Stopped");
  await expect(card.getByRole("alert")).toHaveText("The preview's server process stopped. Restart it to bring it back.");

  await card.getByRole("button", { name: "Restart" }).click();
  await expect(card).toHaveAttribute("data-state", "ready", { timeout: 120_000 });
  await expect(card.getByRole("alert")).toHaveCount(0);
  expect(await pidOf()).not.toBe(firstPid);
  expect((await fetch(`${url}/api/health`)).status).toBe(200);

  await card.getByRole("button", { name: "Destroy now" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Destroy", exact: true }).click();
  await expect(page.locator(`[data-preview-id="${previewId}"]`)).toHaveAttribute("data-state", "destroyed", { timeout: 60_000 });
  await expect.poll(() => fetch(url).then(() => "answering", () => "gone")).toBe("gone");
});

/**
 * Issue 13's proof in one flow, on this app: the fixture's "groundwork" branch deploys this
 * worktree's existing `next build` (decision 037 says why not a rebuild) with the app's own
 * migrate, seed, start and smoke, on the preview's database and port.
 */
test("a product user previews this app, watches it reach ready, signs in to it as a seeded character and destroys it; nothing is left", async ({ page, db, makeUser, signInAs, context, baseURL }) => {
  // A bound for a loaded machine (load 35 on 2 cores: 5 min to ready, pages 10+ s each); every wait is for a condition.
  test.setTimeout(900_000);
  const began = Date.now();
  const staff = await makeUser({ staffRole: "product" });
  await signInAs(context, staff.id);
  await page.goto("/admin/previews");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  // Everything the card's live log shows while the steps run, kept as it streams in.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { previewLogSeen: string[] }).previewLogSeen = seen;
    new MutationObserver(() => {
      for (const pre of document.querySelectorAll('[data-testid="preview-log"]')) if (seen.at(-1) !== pre.textContent) seen.push(pre.textContent ?? "");
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByLabel("Branch or commit").fill("groundwork");
  await page.getByRole("button", { name: "Create preview" }).click();

  const newest = page.getByTestId("preview-card").filter({ has: page.getByText("groundwork", { exact: true }) }).first();
  await expect(newest).toHaveAttribute("data-state", /queued|building/);
  const previewId = (await newest.getAttribute("data-preview-id"))!;
  const card = page.locator(`[data-preview-id="${previewId}"]`);
  const steps = ["checkout", "install", "database", "migrate", "seed", "build", "start", "health", "smoke"];
  try {
    // A failed step ends the wait at once (the step times below say which).
    await expect(card).toHaveAttribute("data-state", /^(ready|failed)$/, { timeout: 540_000 });
  } finally {
    // Each step's time, printed whether it got there or not: what to make faster next.
    const timed = await db.execute<{ step: string; status: string; seconds: number | null }>(
      sql`select step, status, extract(epoch from ended_at - started_at)::float as seconds from preview_steps where preview_id = ${previewId}`,
    );
    const [created] = await db.execute<{ seconds: number }>(sql`select extract(epoch from now() - created_at)::float as seconds from previews where id = ${previewId}`);
    const line = (s: string) => timed.find((t) => t.step === s);
    console.log(`preview of this app, step times: ${steps.map((s) => `${s} ${line(s)?.seconds?.toFixed(1) ?? "–"} s (${line(s)?.status})`).join(", ")}; Create → now ${created!.seconds.toFixed(1)} s`);
  }
  if ((await card.getAttribute("data-state")) === "failed") {
    throw new Error(`the preview failed: ${await card.getByRole("alert").textContent()}\n${await card.getByTestId("preview-log").textContent()}`);
  }
  for (const step of steps) await expect(card.locator(`[data-step="${step}"]`)).toHaveAttribute("data-status", "done");
  // The live log carried the app's own output while its steps ran: the seed's report, the smoke's Playwright run.
  const seen = (await page.evaluate(() => (window as unknown as { previewLogSeen: string[] }).previewLogSeen)).join("\n");
  expect(seen).toContain("Seed: {");
  expect(seen).toMatch(/Running \d+ tests? using 1 worker/);

  const opened = page.waitForEvent("popup");
  await card.getByTestId("preview-url").click();
  const preview = await opened;
  await preview.goto(new URL("/sign-in", preview.url()).toString());
  await expect(preview.getByTestId("preview-banner")).toContainText("Preview of branch groundwork at commit");
  await preview.getByRole("button", { name: /Sign in as Demo User/ }).click();
  await expect(preview).not.toHaveURL(/\/sign-in/);
  await preview.goto(new URL("/account", preview.url()).toString());
  await expect(preview.getByTestId("profile-email")).toContainText("demo@groundwork.test");
  const url = new URL(preview.url()).origin;
  await preview.close();

  // The preview's cookies have its own names: the staff member is still signed in to the console on the same host.
  await page.goto(`${baseURL}/account`);
  await expect(page.getByTestId("profile-email")).toContainText(staff.email);
  await page.goto("/admin/previews");
  // Live means hydrated: a click before that would open no dialog.
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  await destroyAndExpectNothingLeft(page, card, db, url, previewId);
  console.log(`the whole flow took ${((Date.now() - began) / 1000).toFixed(1)} s`);
});
