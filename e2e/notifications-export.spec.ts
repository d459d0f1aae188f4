import { createRandom } from "../src/lib/random";
import { createWorkspaceWithMembers } from "../src/server/db/factories";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";

test("export my data shows live progress, downloads a zip, and the bell updates live on an invite", async ({ browser, db, makeUser, signInAs }) => {
  const [alice, bob] = [await makeUser(), await makeUser()];
  const team = await createWorkspaceWithMembers(db, createRandom(Date.now() % 1_000_000), { owner: bob, name: `Bell Team ${Date.now() % 100_000}` });
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  await signInAs(a, alice.id);
  await signInAs(b, bob.id);
  const page = await a.newPage();

  await page.goto("/account");
  await page.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name: "Export my data" }).click();
  await page.waitForURL("/account/export");
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Notifications, 0 unread");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");

  // The progress bar is fed by export.progress events (and a 2 s poll); it ends in a download link.
  await page.getByRole("button", { name: "Export my data" }).click();
  const download = page.getByTestId("export-download");
  await expect(download).toBeVisible();
  await expect(page.getByTestId("export-latest")).toHaveAttribute("data-status", "done");
  await expect(page.getByTestId("export-latest")).toContainText(/expires/);
  await expectAccessible(page);
  const response = await page.request.get((await download.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="groundwork-export-\d{4}-\d{2}-\d{2}\.zip"$/);
  expect((await response.body()).subarray(0, 2).toString()).toBe("PK");

  // "Your data export is ready" arrived live; it links back to this page.
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await bell.click();
  const item = page.getByTestId("notification-item").filter({ hasText: "Your data export is ready" });
  await expect(item).toBeVisible();
  await expect(item.getByRole("link")).toHaveAttribute("href", "/account/export");
  await expectAccessible(page);
  await page.keyboard.press("Escape");

  // Bob (owner of a team) invites Alice: her bell updates without a reload.
  const pageB = await b.newPage();
  await pageB.goto(`/w/${team.slug}/members`);
  await pageB.getByLabel("Email").fill(alice.email);
  await pageB.getByRole("button", { name: "Send invite" }).click();
  await expect(pageB.getByTestId("invite-row").filter({ hasText: alice.email })).toBeVisible();
  await expect(bell).toHaveAccessibleName("Notifications, 2 unread");
  await bell.click();
  const invite = page.getByTestId("notification-item").filter({ hasText: `You're invited to ${team.name}` });
  await expect(invite).toBeVisible();
  await expect(invite.getByRole("link")).toHaveAttribute("href", /^\/invite\/[a-z0-9]+$/);

  // Mark all as read: the badge clears at once (optimistic) and stays cleared.
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(bell).toHaveAccessibleName("Notifications, 0 unread");
  await page.reload();
  await expect(page.getByTestId("notification-bell")).toHaveAccessibleName("Notifications, 0 unread");

  await a.close();
  await b.close();
});
