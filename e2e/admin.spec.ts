import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { holdRequests } from "./support/hold";
import { formHydrated, hydrated } from "./support/hydrated";

async function act(page: Page, button: string, reason: string) {
  await page.getByTestId("admin-user-actions").getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: button }).click();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await formHydrated(page.getByRole("form", { name: "Sign in" }));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("support locks an account in admin mode (the user is refused with a way to reach support), unlocks it, and both are in the audit log; a lock lost on the way rolls back", async ({ browser, page, makeUser, signInAs }) => {
  const user = await makeUser();
  const staff = await makeUser({ staffRole: "support" });
  await signInAs(page.context(), staff.id);
  await page.goto(`/admin/users/${user.id}`);
  await expect(page.getByTestId("admin-user-email")).toHaveText(user.email);
  await hydrated(page);

  // The first write asks for the password (admin mode), then goes through.
  await act(page, "Lock account", "Chargeback review, ticket 5512");
  await page.getByLabel("Your password").fill(staff.password);
  await page.getByRole("button", { name: "Enter admin mode" }).click();
  await expect(page.getByTestId("admin-user-status")).toContainText("Locked");

  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await signIn(userPage, user.email, user.password);
  await expect(userPage.getByRole("alert").filter({ hasText: "This account is locked" })).toBeVisible();
  await expect(userPage.getByRole("alert").getByRole("link", { name: "Contact support" })).toHaveAttribute("href", "/support");

  // Admin mode lasts: the unlock needs no second password prompt.
  await act(page, "Unlock account", "Review 5512 done");
  await expect(page.getByTestId("admin-user-status")).toContainText("Active");
  await signIn(userPage, user.email, user.password);
  await expect(userPage).toHaveURL(new RegExp(`/(app|w/${user.workspaceSlug})$`));
  await userContext.close();

  // Optimistic: a lock lost on the way shows at once, then rolls back with a toast; nothing is recorded.
  const lost = await holdRequests(page, "**/api/trpc/admin.setLock**");
  await act(page, "Lock account", "Second look, ticket 5513");
  await lost.waitForHeld();
  await expect(page.getByTestId("admin-user-status")).toContainText("Locked");
  await lost.release("abort");
  await expect(page.getByTestId("toast").filter({ hasText: "Account not locked" })).toBeVisible();
  await expect(page.getByTestId("admin-user-status")).toContainText("Active");

  await page.goto("/admin/audit");
  await hydrated(page);
  await page.getByLabel("Search by staff email, action, target id or reason").fill(user.id);
  const rows = page.getByTestId("staff-audit-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Reason: Review 5512 done");
  await expect(rows.nth(1)).toContainText("Reason: Chargeback review, ticket 5512");
  await expect(rows.first()).toContainText(staff.email);
});

test("the user page lists their recent requests in the app, each with the request id their browser got back", async ({ browser, page, makeUser, signInAs }) => {
  const user = await makeUser();
  const staff = await makeUser({ staffRole: "support" });

  // The user changes a setting: one tRPC call, whose response carries its request id.
  const userContext = await browser.newContext();
  await signInAs(userContext, user.id);
  const userPage = await userContext.newPage();
  await userPage.goto("/account/notifications");
  await hydrated(userPage);
  const answered = userPage.waitForResponse((r) => r.url().includes("/api/trpc/notifications.updatePreferences"));
  await userPage.getByRole("switch", { name: /Email/ }).uncheck();
  const response = await answered;
  const requestId = response.headers()["x-request-id"]!;
  expect(requestId).toBeTruthy();
  await expect(userPage.getByTestId("preferences-status")).toHaveText("Saved");
  await userContext.close();

  // Support finds that id on the user's page (recorded within about a second; Refresh reads again).
  await signInAs(page.context(), staff.id);
  await page.goto(`/admin/users/${user.id}`);
  await hydrated(page);
  const section = page.getByTestId("admin-user-recent-requests");
  const row = section.locator(`[data-request-id="${requestId}"]`);
  await expect(async () => {
    await section.getByRole("button", { name: "Refresh" }).click();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await expect(row).toContainText("POST /api/trpc/notifications.updatePreferences");
  await expect(row).toContainText("200");
});
