import { createRandom } from "../src/lib/random";
import { createFeedbackBoard, createWorkspaceWithMembers } from "../src/server/db/factories";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";

const uniq = () => `${Date.now() % 1_000_000}-${Math.floor(Math.random() * 1000)}`;

test("the workspace home: empty states with a first action, then a member's new post shows up live", async ({ browser, db, makeUser, signInAs }) => {
  test.setTimeout(120_000);
  const [owner, bob] = [await makeUser(), await makeUser()];
  const random = createRandom(Date.now() % 1_000_000);
  const team = await createWorkspaceWithMembers(db, random, { owner, members: [{ user: bob, role: "member" }], name: `Home ${uniq()}` });
  const [a, b] = [await browser.newContext(), await browser.newContext()];
  await signInAs(a, owner.id);
  await signInAs(b, bob.id);
  const [ownerPage, bobPage] = [await a.newPage(), await b.newPage()];

  // No boards yet: the activity block says what it is for and offers to create one.
  await ownerPage.goto(`/w/${team.slug}`);
  const activity = ownerPage.getByTestId("home-activity");
  await expect(activity.getByText("Feedback starts with a board")).toBeVisible();
  await expect(activity.getByRole("link", { name: "Create a board" })).toHaveAttribute("href", `/w/${team.slug}/boards#new-board-name`);
  const members = ownerPage.getByTestId("home-members");
  await expect(members.getByTestId("home-member")).toHaveCount(2);
  await expect(members.getByRole("link", { name: "Invite people" })).toBeVisible();
  await expect(ownerPage.getByTestId("home-plan-name")).toHaveText("Free");
  await expect(ownerPage.getByTestId("home-usage").getByText("No API calls yet")).toBeVisible();
  await expectAccessible(ownerPage);

  // A board with nothing on it: the block points to the boards instead.
  const board = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: "private", name: "Roadmap ideas" });
  await ownerPage.reload();
  await expect(activity.getByText("No feedback yet")).toBeVisible();
  await expect(ownerPage.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");

  // Bob posts on the (private) board; the owner's home lists it without a reload.
  await bobPage.goto(`/b/${team.slug}/${board.slug}`);
  await expect(bobPage.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  const title = `Offline mode ${uniq()}`;
  await bobPage.getByLabel("Title").fill(title);
  await bobPage.getByRole("button", { name: "Post idea" }).click();
  await expect(bobPage.getByTestId("post-row").filter({ hasText: title })).toBeVisible();
  const item = activity.getByTestId("activity-item").filter({ hasText: title });
  await expect(item).toBeVisible();
  await expect(item).toHaveAttribute("data-kind", "post");
  await expect(item).toContainText(`${bob.displayName} posted`);
  await expect(item).toContainText("Roadmap ideas");

  // A member sees activity and people, but no plan or usage, and no invite button.
  await bobPage.goto(`/w/${team.slug}`);
  await expect(bobPage.getByTestId("activity-item").filter({ hasText: title })).toBeVisible();
  await expect(bobPage.getByTestId("home-members").getByRole("link", { name: "See everyone" })).toBeVisible();
  await expect(bobPage.getByTestId("home-members").getByRole("link", { name: "Invite people" })).toHaveCount(0);
  await expect(bobPage.getByTestId("home-plan")).toHaveCount(0);
  await expect(bobPage.getByTestId("home-usage")).toHaveCount(0);

  await a.close();
  await b.close();
});
