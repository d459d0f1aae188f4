import { eq } from "drizzle-orm";
import { createRandom } from "../src/lib/random";
import { createFeedbackBoard, createFeedbackPost, createWorkspaceWithMembers } from "../src/server/db/factories";
import { devMailbox } from "../src/server/db/schema";
import { expect, test } from "./support/fixtures";
import { holdRequests } from "./support/hold";
import { hydrated } from "./support/hydrated";

const uniq = () => `${Date.now() % 1_000_000}-${Math.floor(Math.random() * 1000)}`;

test("a new board's Address follows its Name, and a bad Address is called Address", async ({ page, db, makeUser, signInAs }) => {
  const owner = await makeUser();
  const team = await createWorkspaceWithMembers(db, createRandom(Date.now() % 1_000_000), { owner, name: `Details ${uniq()}` });
  await signInAs(page.context(), owner.id);
  await page.goto(`/w/${team.slug}/boards`);
  await expect(page.getByTestId("empty-state")).toContainText("No boards yet");
  await page.getByLabel("Name").fill("Feature Requests!");
  await expect(page.getByLabel("Address")).toHaveValue("feature-requests");
  await page.getByLabel("Address").fill("-bad-");
  await page.getByRole("button", { name: "Create board" }).click();
  await expect(page.getByText(/^Address must be/)).toBeVisible();
  await expect(page.getByText(/error id/)).toHaveCount(0);
});

test("the author's own post appears at once (Posting…), and a refused post comes back into the form with a toast", async ({ page, db, makeUser, signInAs }) => {
  const owner = await makeUser();
  const random = createRandom(Date.now() % 1_000_000);
  const team = await createWorkspaceWithMembers(db, random, { owner, name: `Optimistic ${uniq()}` });
  const board = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: "public", name: "Ideas" });
  await createFeedbackPost(db, random, { board, authorId: owner.id, title: "An older idea with one vote" });
  await signInAs(page.context(), owner.id);
  await page.goto(`/b/${team.slug}/${board.slug}`);
  await expect(page.getByTestId("post-row")).toHaveCount(1);
  await expect(page.getByTestId("vote-button").first()).toHaveAccessibleName(/\d+ votes?$/);

  const title = `Offline export ${uniq()}`;
  const held = await holdRequests(page, "**/api/trpc/feedback.createPost*");
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: /^Post/ }).click();
  await held.waitForHeld();
  const pending = page.getByTestId("post-row").filter({ hasText: title });
  await expect(pending).toContainText("Posting…");
  await expect(page.getByLabel("Title")).toHaveValue("");
  await held.release("abort");
  await expect(pending).toHaveCount(0);
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByTestId("toast").getByText("Your post wasn't published")).toBeVisible();

  await page.getByRole("button", { name: /^Post/ }).click();
  await expect(page.getByTestId("post-row").filter({ hasText: title })).not.toContainText("Posting…");
  await expect(page.getByTestId("post-row").filter({ hasText: title }).getByTestId("post-title")).toHaveAttribute("href", /\/p\/[0-9a-f-]{36}$/);
});

test("notification settings save at once; an unsubscribe link turns status emails off without signing in", async ({ page, browser, db, makeUser, signInAs }) => {
  const voter = await makeUser();
  await signInAs(page.context(), voter.id);
  await page.goto("/account/notifications");
  const email = page.getByRole("switch", { name: /Email/ });
  await expect(email).toBeChecked();

  // A status email for this voter, to take its unsubscribe link from.
  const admin = await makeUser();
  const random = createRandom(Date.now() % 1_000_000);
  const team = await createWorkspaceWithMembers(db, random, { owner: admin, name: `Unsubscribe ${uniq()}` });
  const board = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: "public", name: "Ideas" });
  const post = await createFeedbackPost(db, random, { board, authorId: voter.id, title: "Tell me when it's planned" });
  const adminContext = await browser.newContext();
  await signInAs(adminContext, admin.id);
  const adminPage = await adminContext.newPage();
  await adminPage.goto(`/b/${team.slug}/${board.slug}/p/${post.id}`);
  await hydrated(adminPage);
  await adminPage.getByLabel("Status", { exact: true }).selectOption("planned");
  await adminPage.getByRole("button", { name: "Update status" }).click();
  await expect(adminPage.getByTestId("toast").getByText("Status: Planned")).toBeVisible();
  await adminContext.close();

  let mail: (typeof devMailbox.$inferSelect)[] = [];
  await expect.poll(async () => (mail = await db.select().from(devMailbox).where(eq(devMailbox.to, voter.email))).length).toBeGreaterThan(0);
  expect(mail[0]!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  const link = /Unsubscribe: (\S+)/.exec(mail[0]!.text)![1]!;

  const stranger = await browser.newContext();
  const linkPage = await stranger.newPage();
  await linkPage.goto(new URL(link).pathname + new URL(link).search);
  await linkPage.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(linkPage.getByTestId("unsubscribed")).toContainText("status changes on feedback");
  await stranger.close();

  await page.reload();
  await expect(page.getByRole("switch", { name: /Email/ })).not.toBeChecked();
  await page.getByRole("switch", { name: /Email/ }).check();
  // Reloading before the save lands would abort it: the page says when it has.
  await expect(page.getByTestId("preferences-status")).toHaveText("Saved");
  await page.reload();
  await expect(page.getByRole("switch", { name: /Email/ })).toBeChecked();
});

test("merging finds the target by searching the board, not by a raw id", async ({ page, db, makeUser, signInAs }) => {
  const owner = await makeUser();
  const random = createRandom(Date.now() % 1_000_000);
  const team = await createWorkspaceWithMembers(db, random, { owner, name: `Merge ${uniq()}` });
  const board = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: "public", name: "Ideas" });
  await createFeedbackPost(db, random, { board, authorId: owner.id, title: "Dark mode for the editor" });
  const duplicate = await createFeedbackPost(db, random, { board, authorId: owner.id, title: "Night colours in the editor" });
  await signInAs(page.context(), owner.id);
  await page.goto(`/b/${team.slug}/${board.slug}/p/${duplicate.id}`);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  const merge = page.getByRole("button", { name: "Merge", exact: true });
  await expect(merge).toBeDisabled();

  const search = page.getByLabel(/^Merge into/);
  await search.fill("zebra");
  await expect(page.getByTestId("merge-results")).toContainText("No other post on this board matches “zebra”");
  await search.fill("editor");
  const results = page.getByTestId("merge-results");
  // The post being merged is not offered as its own target.
  await expect(results.getByRole("button")).toHaveCount(1);
  await results.getByRole("button", { name: /Dark mode for the editor/ }).click();
  await expect(page.getByTestId("merge-target")).toContainText("Dark mode for the editor");
  await merge.click();
  await expect(page.getByTestId("toast").getByText(/^Merged: /)).toBeVisible();
  await expect(page.getByTestId("post").getByRole("status").filter({ hasText: "Merged into" }).getByRole("link", { name: "Dark mode for the editor" })).toBeVisible();
});
