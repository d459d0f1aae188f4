/**
 * The smoke checks, in order, sharing one signed-in page. Each is its own test so the summary
 * names the one that failed; after a failure the rest are skipped (serial mode).
 * Leaves nothing behind: the vote is taken back and the API key revoked.
 */
import { expect, test, type Page } from "@playwright/test";
import { hydrated } from "../e2e/support/hydrated";

const commit = process.env.SMOKE_COMMIT ?? "";
const email = process.env.SMOKE_EMAIL ?? "demo@groundwork.test";
const password = process.env.SMOKE_PASSWORD ?? "correct horse battery staple";
const workspaceSlug = process.env.SMOKE_WORKSPACE ?? "demo-workspace";
const boardPath = process.env.SMOKE_BOARD ?? "/b/groundwork/feedback";

test.describe.configure({ mode: "serial" });
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
});
test.afterAll(async () => page?.close());

/** A tRPC mutation from the signed-in page (same origin, the session cookie). */
async function trpc<T>(name: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${name}`, { data: { json: input }, headers: { origin: new URL(page.url()).origin } });
  const body = await response.json();
  if (!response.ok()) throw new Error(`${name}: HTTP ${response.status()} ${JSON.stringify(body).slice(0, 300)}`);
  return body.result.data.json as T;
}

test("health: /api/health answers ok", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status(), `health answered ${response.status()}: ${await response.text()}`).toBe(200);
  expect((await response.json()).status).toBe("ok");
});

test("commit: the page says which build it runs", async () => {
  await page.goto("/");
  const served = await page.locator('meta[name="groundwork-commit"]').getAttribute("content");
  expect(served, "no groundwork-commit meta tag").toBeTruthy();
  await expect(page.getByTestId("app-version")).toContainText(served!);
  if (commit) expect(commit.startsWith(served!) || served!.startsWith(commit), `expected commit ${commit}, the deployment runs ${served}`).toBe(true);
});

test(`sign in as ${email}`, async () => {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  // exact: a preview's sign-in page also has "Sign in as <character>" buttons.
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
});

test("open a board", async () => {
  await page.goto(boardPath);
  await expect(page.getByTestId("vote-button").first()).toBeVisible();
});

/** Clicks the first post's vote button once the page is hydrated, and waits for the server's answer. */
async function toggleVote() {
  await hydrated(page);
  const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes("/api/trpc/feedback.setVote")), page.getByTestId("vote-button").first().click()]);
  expect(response.ok(), `feedback.setVote answered ${response.status()}: ${(await response.text()).slice(0, 300)}`).toBe(true);
}

test("vote, then take the vote back", async () => {
  const vote = page.getByTestId("vote-button").first();
  const before = Number(await vote.getAttribute("data-count"));
  const pressed = (await vote.getAttribute("aria-pressed")) === "true";
  await toggleVote();
  await expect(vote).toHaveAttribute("data-count", String(before + (pressed ? -1 : 1)));
  await page.reload();
  await expect(vote).toHaveAttribute("aria-pressed", String(!pressed));
  await toggleVote();
  await page.reload();
  await expect(vote).toHaveAttribute("aria-pressed", String(pressed));
});

test("API: one call with a fresh key (revoked afterwards)", async () => {
  const issued = await trpc<{ key: { id: string }; secret: string }>("apiKeys.create", {
    workspaceSlug,
    name: `smoke ${new Date().toISOString().slice(0, 19)}`,
    environment: "live",
    scopes: ["boards:read"],
  });
  try {
    const response = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${issued.secret}` } });
    expect(response.status(), `GET /api/v1/me answered ${response.status()}: ${(await response.text()).slice(0, 300)}`).toBe(200);
  } finally {
    await trpc("apiKeys.revoke", { workspaceSlug, keyId: issued.key.id });
  }
});
