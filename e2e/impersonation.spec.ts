import { createRandom } from "../src/lib/random";
import { createFeedbackBoard, createFeedbackPost, createWorkspaceWithMembers } from "../src/server/db/factories";
import { expect, test } from "./support/fixtures";
import { hydrated } from "./support/hydrated";

const uniq = () => `${Date.now() % 1_000_000}-${Math.floor(Math.random() * 1000)}`;

test("support finds a user, impersonates them read-only, is refused a vote, votes in write mode, stops; the user's security log and mailbox show it", async ({ browser, page, db, makeUser, signInAs }) => {
  const user = await makeUser();
  const staff = await makeUser({ staffRole: "support" });
  const random = createRandom(Date.now() % 1_000_000);
  const team = await createWorkspaceWithMembers(db, random, { owner: user, name: `Imp ${uniq()}` });
  const board = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: "public", name: "Ideas" });
  const title = `Dark mode ${uniq()}`;
  await createFeedbackPost(db, random, { board, authorId: user.id, title });
  const boardPath = `/b/${team.slug}/${board.slug}`;
  const reason = `Ticket ${uniq()}: their vote is missing`;

  // Support signs in and finds the user.
  await signInAs(page.context(), staff.id);
  await page.goto("/admin/users");
  await hydrated(page);
  await page.getByLabel("Search users by email, name or id").fill(user.email);
  await page.getByTestId("user-hit").filter({ hasText: user.email }).getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/admin/users/${user.id}$`));

  // Impersonate with a reason; admin mode asks for the password first.
  await page.locator("#impersonate").getByRole("button", { name: "Impersonate" }).click();
  await page.getByLabel("Reason").fill(reason);
  await page.getByRole("button", { name: "Start impersonating" }).click();
  await page.getByLabel("Your password").fill(staff.password);
  await page.getByRole("button", { name: "Enter admin mode" }).click();
  // Lands in the app as the user (/app sends them on to their workspace).
  await expect(page).toHaveURL(new RegExp(`/(app|w/${user.workspaceSlug})$`));
  const banner = page.getByTestId("impersonation-banner");
  await expect(banner).toContainText(`You are viewing ${user.displayName}'s account`);
  await expect(banner.getByTestId("impersonation-mode")).toHaveText("Read-only");
  await expect(banner.getByTestId("impersonation-time-left")).toHaveText(/^1[45]:\d\d$/);

  // Their board; a vote is refused (read-only) and rolled back.
  await page.goto(boardPath);
  await expect(banner).toBeVisible();
  await hydrated(page);
  const vote = page.getByTestId("post-row").filter({ hasText: title }).getByTestId("vote-button");
  await expect(vote).toHaveAttribute("data-count", "0");
  await vote.click();
  await expect(page.getByText(/Read-only: you are impersonating this account/).first()).toBeVisible();
  await expect(vote).toHaveAttribute("data-count", "0");
  await expect(vote).toHaveAttribute("aria-pressed", "false");

  // Write mode: a second confirmation with its own reason; then the vote counts.
  await banner.getByRole("button", { name: "Switch to write mode" }).click();
  await page.getByLabel("Reason").fill(`${reason} — they asked us to vote`);
  await page.getByRole("button", { name: "Yes, allow changes" }).click();
  await expect(banner.getByTestId("impersonation-mode")).toHaveText("Write mode: changes are real");
  await vote.click();
  await expect(vote).toHaveAttribute("aria-pressed", "true");
  await expect(vote).toHaveAttribute("data-count", "1");
  await page.reload();
  await expect(page.getByTestId("post-row").filter({ hasText: title }).getByTestId("vote-button")).toHaveAttribute("data-count", "1");
  await hydrated(page);

  // Stop: back on the user's page as the staff member, no banner.
  await page.getByTestId("impersonation-banner").getByRole("button", { name: "Stop impersonating" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/users/${user.id}$`));
  await expect(page.getByTestId("admin-user-email")).toHaveText(user.email);
  await expect(page.getByTestId("impersonation-banner")).toHaveCount(0);

  // The user sees it in their security log and their mailbox.
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await signInAs(userContext, user.id);
  await userPage.goto("/account/security-log");
  const log = userPage.getByTestId("security-log");
  await expect(log).toContainText("Support viewed your account");
  await expect(log).toContainText(`Support (${staff.displayName}) viewed your account — ${reason}`);
  await expect(log).toContainText("Support turned on making changes for you");
  await expect
    .poll(async () => {
      await userPage.goto("/dev/mailbox");
      return userPage.getByTestId("mail").filter({ hasText: user.email }).filter({ hasText: "Support viewed your account" }).count();
    })
    .toBeGreaterThan(0);
  await userContext.close();
});
