import type { Page } from "@playwright/test";
import { createRandom } from "../src/lib/random";
import { createFeedbackBoard, createFeedbackPost, createWorkspaceWithMembers } from "../src/server/db/factories";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { holdRequests } from "./support/hold";

const uniq = () => `${Date.now() % 1_000_000}-${Math.floor(Math.random() * 1000)}`;
const transportOf = () => (test.info().project.metadata as { transport?: string }).transport ?? "sse";
/** The chromium-pusher project runs only the live flow again on Pusher; the rest is transport-independent. */
const liveOnly = () => test.skip(transportOf() !== "sse", "runs once, on the SSE project");

async function boardFixture(db: Parameters<typeof createFeedbackBoard>[0], owner: { id: string }, opts: { visibility?: "public" | "private" } = {}) {
  const random = createRandom(Date.now() % 1_000_000);
  const team = await createWorkspaceWithMembers(db, random, { owner, name: `Feedback ${uniq()}` });
  const board = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: opts.visibility ?? "public", name: "Ideas", tags: ["Billing"] });
  return { team, board, random, path: `/b/${team.slug}/${board.slug}` };
}

const row = (page: Page, title: string) => page.getByTestId("post-row").filter({ hasText: title });

test("A posts; B sees it live, votes and comments; an admin marks it planned then done; A sees it live, gets the notification and the email", async ({ browser, db, makeUser, signInAs }) => {
  test.setTimeout(180_000);
  const [admin, alice, bob] = [await makeUser(), await makeUser(), await makeUser()];
  const { board, random, path } = await boardFixture(db, admin);
  await createFeedbackPost(db, random, { board, authorId: admin.id, title: "Dark mode for the dashboard" });
  const [a, b, c] = [await browser.newContext(), await browser.newContext(), await browser.newContext()];
  await signInAs(a, alice.id);
  await signInAs(b, bob.id);
  await signInAs(c, admin.id);
  const [pageA, pageB] = [await a.newPage(), await b.newPage()];
  await pageA.goto(path);
  await pageB.goto(path);
  for (const page of [pageA, pageB]) await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  await expect(pageB.getByTestId("live-indicator")).toHaveAttribute("data-transport", transportOf());

  // Typing a title suggests similar posts.
  await pageA.getByLabel("Title").fill("dark mode");
  await expect(pageA.getByTestId("similar-posts")).toContainText("Dark mode for the dashboard");
  const title = `Keyboard shortcuts ${uniq()}`;
  await pageA.getByLabel("Title").fill(title);
  await pageA.getByLabel("Description (Markdown)").fill("Press **?** to see them all.");
  await pageA.getByRole("button", { name: "Post idea" }).click();
  await expect(row(pageA, title)).toBeVisible();

  // B sees it appear without reloading, votes (the count changes at once), A sees the count live.
  const started = Date.now();
  await expect(row(pageB, title)).toBeVisible();
  test.info().annotations.push({ type: "live post", description: `${Date.now() - started} ms until B saw A's post` });
  const voteB = row(pageB, title).getByTestId("vote-button");
  // The server's answer is held until the count has changed: the change is optimistic.
  const voteRequest = await holdRequests(pageB, "**/api/trpc/feedback.setVote**");
  await voteB.click();
  await voteRequest.waitForHeld();
  await expect(voteB).toHaveAttribute("aria-pressed", "true");
  await expect(voteB).toHaveAttribute("data-count", "1");
  await voteRequest.release();
  await expect(row(pageA, title).getByTestId("vote-button")).toHaveAttribute("data-count", "1");

  await row(pageB, title).getByTestId("post-title").click();
  await expect(pageB.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(pageB.getByTestId("post-body").locator("strong")).toHaveText("?");
  await pageB.getByLabel("Add a comment").fill("Yes please, I live on the keyboard.");
  await pageB.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(pageB.getByTestId("comment").filter({ hasText: "I live on the keyboard" })).toBeVisible();
  await expectAccessible(pageB);

  // The admin answers officially and moves it along.
  const pageC = await c.newPage();
  await pageC.goto(pageB.url());
  await pageC.getByLabel("Add a comment").fill("On the roadmap.");
  await pageC.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(pageC.locator('[data-testid="comment"][data-official="true"]')).toContainText("On the roadmap.");
  await expect(pageB.locator('[data-testid="comment"][data-official="true"]')).toContainText("On the roadmap.");
  const status = row(pageA, title).getByTestId("post-status");
  for (const [value, label] of [["planned", "Planned"], ["done", "Done"]] as const) {
    await pageC.getByLabel("Status", { exact: true }).selectOption(value);
    await pageC.getByRole("button", { name: "Update status" }).click();
    await expect(pageC.getByText(`Status: ${label}`, { exact: true }).first()).toBeVisible();
    // A sees each change live on the board.
    await expect(status).toHaveAttribute("data-status", value);
  }
  await expect(pageC.getByTestId("status-history")).toContainText("Planned → Done");

  // A finds the notification in the app and the email in the dev mailbox.
  await pageA.goto("/app");
  const bell = pageA.getByTestId("notification-bell");
  await expect(bell).not.toHaveAttribute("data-unread", "0");
  await bell.click();
  await expect(pageA.getByTestId("notification-item").filter({ hasText: `Shipped: ${title}` })).toBeVisible();
  await pageA.goto("/dev/mailbox");
  await expect(pageA.getByTestId("mail").filter({ hasText: alice.email }).filter({ hasText: `Shipped: ${title}` })).toBeVisible();
  // B voted, so B was told too; the changelog lists it.
  await pageB.goto(`${path}/changelog`);
  await expect(pageB.getByTestId("changelog")).toContainText(title);
  await expectAccessible(pageB);
  for (const context of [a, b, c]) await context.close();
});

test("a vote made while the network is cut changes at once, then rolls back with a toast", async ({ page, db, makeUser, signInAs }) => {
  liveOnly();
  const [owner, voter] = [await makeUser(), await makeUser()];
  const { board, random, path } = await boardFixture(db, owner);
  const title = `Offline vote ${uniq()}`;
  await createFeedbackPost(db, random, { board, authorId: owner.id, title });
  await signInAs(page.context(), voter.id);
  await page.goto(path);
  const vote = row(page, title).getByTestId("vote-button");
  await expect(vote).toHaveAttribute("data-count", "0");
  await expectAccessible(page);
  // The connection drops while the vote is on its way: the request never reaches the server.
  const voteRequest = await holdRequests(page, "**/api/trpc/feedback.setVote**");
  await vote.click();
  await voteRequest.waitForHeld();
  await page.context().setOffline(true);
  await expect(vote).toHaveAttribute("data-count", "1");
  await expect(vote).toHaveAttribute("aria-pressed", "true");
  await voteRequest.release("abort");
  await expect(page.getByText("Your vote wasn't counted").first()).toBeVisible();
  await expect(vote).toHaveAttribute("data-count", "0");
  await expect(vote).toHaveAttribute("aria-pressed", "false");
  await page.context().setOffline(false);
});

test("a public board renders signed out, with sign-in to post or vote; a private one is a 404", async ({ page, db, makeUser }) => {
  liveOnly();
  const owner = await makeUser();
  const { board, random, path, team } = await boardFixture(db, owner);
  const title = `Public idea ${uniq()}`;
  await createFeedbackPost(db, random, { board, authorId: owner.id, title, body: "Visible to **everyone**." });
  await page.goto(path);
  await expect(page.getByTestId("board-name")).toHaveText("Ideas");
  await expect(row(page, title)).toBeVisible();
  await expect(page.getByTestId("post-total")).toHaveText("1 post");
  await expect(page.getByRole("link", { name: "Sign in", exact: true }).first()).toBeVisible();
  await expect(row(page, title).getByRole("link", { name: new RegExp(`Sign in to vote for “${title}”`) })).toBeVisible();
  await expectAccessible(page);
  await row(page, title).getByTestId("post-title").click();
  await expect(page.getByTestId("post-body").locator("strong")).toHaveText("everyone");
  await expect(page.getByRole("link", { name: "Sign in", exact: true }).last()).toBeVisible();
  await page.goto(`${path}/roadmap`);
  await expect(page.getByTestId("roadmap")).toBeVisible();
  await expectAccessible(page);

  const hidden = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: "private", name: "Internal" });
  const response = await page.goto(`/b/${team.slug}/${hidden.slug}`);
  expect(response?.status()).toBe(404);
});

test("the Feedback menu item opens the operator's Groundwork board", async ({ page, makeUser, signInAs }) => {
  liveOnly();
  const user = await makeUser();
  await signInAs(page.context(), user.id);
  await page.goto("/app");
  await page.getByRole("link", { name: "Feedback", exact: true }).click();
  await expect(page).toHaveURL(/\/b\/groundwork\/feedback$/);
  await expect(page.getByTestId("board-name")).toHaveText("Groundwork feedback");
});
