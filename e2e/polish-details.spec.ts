import { eq } from "drizzle-orm";
import { createRandom } from "../src/lib/random";
import { createFeedbackBoard, createFeedbackPost, createWorkspaceWithMembers } from "../src/server/db/factories";
import { apiKeys, devMailbox } from "../src/server/db/schema";
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

test("a form's field error is shown under the field only, not in a toast as well; an error no field shows is toasted", async ({ page, db, makeUser, signInAs }) => {
  const owner = await makeUser();
  const team = await createWorkspaceWithMembers(db, createRandom(Date.now() % 1_000_000), { owner, name: `Field errors ${uniq()}` });
  await signInAs(page.context(), owner.id);
  await page.goto(`/w/${team.slug}/settings`);
  const name = page.getByLabel("Workspace name");
  const save = page.getByRole("button", { name: "Save", exact: true });
  const toasts = page.getByTestId("toast");

  // The rename form checks nothing itself: these two refusals come from the server's schema.
  await name.fill("   ");
  await save.click();
  // A toast would be set in the same render as the field error and live 8 s, so it would be listed
  // now; counted once, not polled (a polled "0" would wait for it to go away).
  await expect(page.locator("#rename-name-error")).toHaveText("Name can't be empty");
  expect(await toasts.count()).toBe(0);
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await name.fill("x".repeat(61));
  await save.click();
  await expect(page.locator("#rename-name-error")).toHaveText("Name must be at most 60 characters");
  expect(await toasts.count()).toBe(0);

  await name.fill("Renamed at last");
  await save.click();
  await expect(toasts.getByText("Workspace renamed")).toBeVisible();
  await expect(toasts).toHaveCount(1);
  await expect(page.locator("#rename-name-error")).toHaveCount(0);

  // A refusal about no field of the form (the request never arrives) still gets a toast.
  await page.route("**/api/trpc/workspaces.rename*", (route) => route.abort());
  await name.fill("Offline name");
  await save.click();
  await expect(toasts.filter({ hasText: "Name not changed" })).toContainText("Couldn't reach the server");
  await expect(page.locator("#rename-name-error")).toHaveCount(0);

  // The audit log reads the rename in words, not as JSON.
  await page.goto(`/w/${team.slug}/audit`);
  const change = page.getByTestId("audit-row").filter({ hasText: "Workspace renamed" }).getByTestId("audit-change");
  await expect(change).toContainText("Name:");
  await expect(change.locator("del")).toHaveText(team.name);
  await expect(change.locator("ins")).toHaveText("Renamed at last");
  await expect(change).not.toContainText("{");
});

test("empty API usage and request log say what they are for and offer the first step: a key, then the API reference; a filter that hides every request clears itself", async ({ page, db, makeUser, signInAs }) => {
  const owner = await makeUser();
  const team = await createWorkspaceWithMembers(db, createRandom(Date.now() % 1_000_000), { owner, name: `Empty ${uniq()}` });
  await signInAs(page.context(), owner.id);
  await page.goto(`/w/${team.slug}/api-keys/usage`);
  const empty = (title: string) => page.getByTestId("empty-state").filter({ has: page.getByText(title, { exact: true }) });

  // No key yet: both places send the owner to create one.
  await expect(empty("No API calls in this period").getByRole("link", { name: "Create a key" })).toHaveAttribute("href", `/w/${team.slug}/api-keys`);
  await expect(empty("No requests yet").getByRole("link", { name: "Create a key" })).toHaveAttribute("href", `/w/${team.slug}/api-keys`);

  // With a key and no calls, the next step is the API reference; a filter that hides everything offers to clear itself.
  await db.insert(apiKeys).values({ workspaceId: team.id, createdBy: owner.id, name: "Quiet key", environment: "live", start: `gw_live_${uniq().slice(0, 4)}`, secretHash: `e2e-empty-${team.id}`, scopes: ["posts:read"] });
  await page.reload();
  await hydrated(page);
  await expect(empty("No API calls in this period").getByRole("link", { name: "Read the API reference" })).toHaveAttribute("href", `/w/${team.slug}/api-keys/reference`);
  await expect(empty("No requests yet").getByRole("link", { name: "Read the API reference" })).toBeVisible();
  await page.getByLabel("Status").selectOption("5xx");
  await empty("No requests match these filters").getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(empty("No requests yet")).toBeVisible();
  await expect(page.getByText("No requests in this period")).toHaveCount(0);
});

test("staff's empty places: a flag without rules offers the first rule; a quiet account's sections say what would be listed", async ({ page: staffPage, makeUser, signInAs }) => {
  const staff = await makeUser({ staffRole: "support" });
  const quiet = await makeUser();
  await signInAs(staffPage.context(), staff.id);
  await staffPage.goto("/admin/flags/feedback.similar-posts");
  await hydrated(staffPage);
  const noRules = staffPage.getByTestId("empty-state").filter({ hasText: "No rules" });
  await noRules.getByRole("button", { name: "Add rule" }).click();
  await expect(staffPage.getByTestId("rule")).toHaveCount(1);
  await expect(noRules).toHaveCount(0);
  await staffPage.goto(`/admin/users/${quiet.id}`);
  await expect(staffPage.getByTestId("admin-user-email")).toHaveText(quiet.email);
  await expect(staffPage.getByTestId("empty-state").filter({ hasText: "Not signed in anywhere" })).toContainText("Each browser or device");
  await expect(staffPage.getByTestId("empty-state").filter({ hasText: "No feedback posts" })).toContainText("Posts they write");
});

test("the vote button is an upvote icon with the count, named for what a click does (no bare ▲ glyph)", async ({ page, browser, db, makeUser, signInAs }) => {
  const [owner, voter] = [await makeUser(), await makeUser()];
  const random = createRandom(Date.now() % 1_000_000);
  const team = await createWorkspaceWithMembers(db, random, { owner, name: `Votes ${uniq()}` });
  const board = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: "public", name: "Ideas" });
  const title = `Upvote me ${uniq()}`;
  await createFeedbackPost(db, random, { board, authorId: owner.id, title });
  await signInAs(page.context(), voter.id);
  await page.goto(`/b/${team.slug}/${board.slug}`);
  await hydrated(page);
  const vote = page.getByTestId("post-row").filter({ hasText: title }).getByTestId("vote-button");

  // What is read out and what is seen: the action and the count, the count as the only text, the arrow drawn as an icon.
  await expect(vote).toHaveAccessibleName(`Vote for “${title}”, 0 votes`);
  await expect(vote).toHaveAttribute("aria-pressed", "false");
  await expect(vote).toHaveText("0");
  const icon = vote.locator("svg");
  await expect(icon).toHaveAttribute("aria-hidden", "true");
  expect((await icon.boundingBox())?.width ?? 0).toBeGreaterThan(8);

  const saved = page.waitForResponse((r) => r.url().includes("feedback.setVote") && r.ok());
  await vote.click();
  await saved;
  await expect(vote).toHaveAccessibleName(`Remove your vote for “${title}”, 1 vote`);
  await expect(vote).toHaveAttribute("aria-pressed", "true");
  await expect(vote).toHaveText("1");
  await expect(icon).toHaveAttribute("class", /fill-current/);

  // The vote is the server's too: signed out, the count is a link to sign in that says so.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/b/${team.slug}/${board.slug}`);
  const signedOut = visitorPage.getByTestId("post-row").filter({ hasText: title }).getByTestId("vote-count");
  await expect(signedOut).toHaveAccessibleName(`Sign in to vote for “${title}” (1 vote)`);
  await expect(signedOut).toHaveText("1");
  await visitor.close();
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
