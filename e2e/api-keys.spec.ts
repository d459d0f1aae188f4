import { eq } from "drizzle-orm";
import { createRandom } from "../src/lib/random";
import { apiKeys } from "../src/server/db/schema";
import { createWorkspaceWithMembers } from "../src/server/db/factories";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";

test("an admin creates a key, copies it, calls the API, sees the call in the request log and chart, revokes it, and the next call is 401", async ({ browser, makeUser, signInAs, baseURL }) => {
  const owner = await makeUser();
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await signInAs(context, owner.id);
  const page = await context.newPage();

  await page.goto(`/w/${owner.workspaceSlug}`);
  await page.getByRole("link", { name: "API keys" }).click();
  await page.waitForURL(`/w/${owner.workspaceSlug}/api-keys`);
  await expect(page.getByText("No keys yet")).toBeVisible();
  await expectAccessible(page);

  // Create: the secret is shown once, with a copy button.
  await page.getByRole("button", { name: "Create key" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("E2E integration");
  await dialog.getByLabel("usage:read").check();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Create key" }).click();
  const shown = (await dialog.getByTestId("new-api-key").textContent())!.trim();
  expect(shown).toMatch(/^gw_live_[0-9A-Za-z]{36}$/);
  await dialog.getByRole("button", { name: "Copy key" }).click();
  await expect(dialog.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toBe(shown);
  await dialog.getByRole("button", { name: "I've copied it" }).click();
  const row = page.getByTestId("api-key-row").filter({ hasText: "E2E integration" });
  await expect(row).toHaveAttribute("data-status", "active");
  await expect(row).toContainText(`${key.slice(0, 12)}…`);
  // Shown once: after closing, the page holds only the visible start.
  expect(await page.content()).not.toContain(key);

  // Call the API with it, as a script would.
  const me = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ key: { name: "E2E integration" }, workspace: { slug: owner.workspaceSlug } });
  expect(me.headers()["ratelimit"]).toMatch(/^"per-key";r=\d+;t=\d+$/);
  const usage = await page.request.get("/api/v1/usage?days=7", { headers: { authorization: `Bearer ${key}` } });
  expect(usage.status()).toBe(200);

  // The calls show up in the request log and the usage chart (counters are written every second).
  // The log and the counters have a writer each, so a page can show the log row and a total of 0:
  // reload until both are in.
  await page.getByRole("link", { name: "Usage and requests" }).click();
  await page.waitForURL(`/w/${owner.workspaceSlug}/api-keys/usage`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("request-log-row").filter({ hasText: "/api/v1/me" })).toBeVisible({ timeout: 1_000 });
    await expect(page.getByTestId("usage-total-requests")).toHaveText("2", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  const logRow = page.getByTestId("request-log-row").filter({ hasText: "/api/v1/me" });
  await expect(logRow).toContainText("GET");
  await expect(logRow).toContainText("200");
  await expect(page.getByTestId("requests-per-route")).toContainText("GET /v1/me");
  await expect(page.getByRole("img", { name: /Requests per day: 2 over 14 days/ })).toBeVisible();
  await page.getByLabel("Method").selectOption("POST");
  await expect(page.getByTestId("empty-state").filter({ hasText: "No requests match these filters" })).toBeVisible();
  await expectAccessible(page);

  // The reference page's curl examples use this key's prefix.
  await page.getByRole("link", { name: "API reference" }).click();
  await expect(page.getByTestId("curl-example").first()).toContainText(`Bearer ${key.slice(0, 12)}…`);
  await expectAccessible(page);

  // Revoke: the row flips at once; the next call is refused.
  await page.getByRole("link", { name: "Keys", exact: true }).click();
  await row.getByRole("button", { name: "Revoke E2E integration" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toHaveAttribute("data-status", "revoked");
  await expect(page.getByTestId("toast").getByText("Key revoked")).toBeVisible();
  const refused = await page.request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatchObject({ code: "api_key_revoked" });
  await context.close();
});

test("removing a member says how many of their keys will stop, and hands them to someone else", async ({ page, context, db, makeUser, signInAs }) => {
  const [owner, admin] = [await makeUser(), await makeUser()];
  const team = await createWorkspaceWithMembers(db, createRandom(Math.floor(Math.random() * 2 ** 31)), { owner, members: [{ user: admin, role: "admin" }], name: `Keys Team ${Date.now() % 100_000}` });
  // Only the count matters here, so the row is arranged directly (its hash is never looked up).
  await db.insert(apiKeys).values({ workspaceId: team.id, createdBy: admin.id, name: "Nightly sync", environment: "live", start: "gw_live_e2e0", secretHash: `e2e-${team.id}`, scopes: ["posts:read"] });
  await signInAs(context, owner.id);

  await page.goto(`/w/${team.slug}/members`);
  await page.getByRole("button", { name: `Remove ${admin.displayName}` }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByTestId("member-keys-notice")).toContainText(`${admin.displayName} created 1 API key that will stop working`);
  await dialog.getByLabel("Hand the keys to").selectOption({ label: `${owner.displayName} (owner)` });
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Hand over keys and remove" }).click();
  await expect(page.getByTestId("toast").getByText("API keys handed over")).toBeVisible();
  await expect(page.getByTestId("toast").getByText("Member removed")).toBeVisible();
  // By id, not name: two people may share a name, and the owner's row must not stand in for the admin's.
  await expect(page.locator(`[data-testid="member-row"][data-user-id="${admin.id}"]`)).toHaveCount(0);
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  const [key] = await db.select({ createdBy: apiKeys.createdBy }).from(apiKeys).where(eq(apiKeys.workspaceId, team.id));
  expect(key!.createdBy).toBe(owner.id);
});
