import type { Page, Request, Route } from "@playwright/test";
import { createRandom } from "../src/lib/random";
import { createFeedbackBoard, createFeedbackPost, createWorkspaceWithMembers } from "../src/server/db/factories";
import { expect, test } from "./support/fixtures";

/**
 * Navigation with feedback (decision 042): a tab shows its loading state while the next page
 * is on its way, a link shows that it was clicked, and the loading states don't turn real 404s
 * into streamed ones.
 */

/** Holds the App Router's navigation requests for `path` (not its prefetches) until released. */
async function holdNavigation(page: Page, path: string, { prefetchToo = false } = {}) {
  const held: Route[] = [];
  let released = false;
  const matcher = (url: URL) => url.pathname === path;
  await page.route(matcher, async (route) => {
    const headers = route.request().headers();
    if (released || (isPrefetch(headers) && !prefetchToo) || headers.rsc !== "1") return route.continue();
    held.push(route);
  });
  return {
    heldCount: () => held.length,
    async release() {
      released = true;
      for (const route of held.splice(0)) await route.continue();
      await page.unroute(matcher);
    },
  };
}

const isPrefetch = (headers: Record<string, string>) => Object.keys(headers).some((h) => h.startsWith("next-router-prefetch") || h.startsWith("next-router-segment-prefetch"));

test("a workspace tab shows its skeleton while the page loads, and the clicked link shows it is pending", async ({ page, makeUser, signInAs }) => {
  const user = await makeUser();
  await signInAs(page.context(), user.id);
  const base = `/w/${user.workspaceSlug}`;
  // The tab's loading state comes with the link's prefetch: note when one has arrived. The
  // router reads a prefetch's response until it has the loading state and may then cancel the
  // rest, so a prefetch that answered 200 counts once it ends, finished or cancelled.
  let prefetched = false;
  const answered = new Set<Request>();
  page.on("response", (response) => {
    const request = response.request();
    if (new URL(request.url()).pathname === `${base}/members` && isPrefetch(request.headers()) && response.ok()) answered.add(request);
  });
  const ended = (request: Request) => {
    if (answered.has(request)) prefetched = true;
  };
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  // Settings is held from the start, its prefetches too, so its click always waits on the server.
  const settings = await holdNavigation(page, `${base}/settings`, { prefetchToo: true });
  await page.goto(base);
  await expect(page.getByTestId("workspace-name")).toBeVisible();
  // Hydrated (the header's stream is open): a click is the router's, not a full page load.
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  const tabs = page.getByRole("navigation", { name: "Workspace" });

  // Nothing prefetched: the link itself says the click was taken.
  await tabs.getByRole("link", { name: "Settings" }).click();
  await expect(tabs.getByRole("link", { name: "Settings" }).getByTestId("nav-pending")).toBeAttached();
  await settings.release();
  await expect(page).toHaveURL(new RegExp(`${base}/settings$`));
  await expect(tabs.getByTestId("nav-pending")).toHaveCount(0);

  // Prefetched: the loading state shows at once, in place of the old page, the layout staying.
  await tabs.getByRole("link", { name: "Members" }).hover();
  await expect.poll(() => prefetched).toBe(true);
  const members = await holdNavigation(page, `${base}/members`);
  await tabs.getByRole("link", { name: "Members" }).click();
  await expect(page.locator("[aria-busy='true']").filter({ hasText: "Loading members" }).first()).toBeAttached();
  await expect(page).toHaveURL(new RegExp(`${base}/members$`));
  await expect(page.getByTestId("workspace-name")).toBeVisible();
  await members.release();
  await expect(page.getByTestId("member-row").first()).toBeVisible();
});

test("pages with loading states still answer a real 404", async ({ page, db, makeUser, signInAs }) => {
  const [owner, stranger] = [await makeUser(), await makeUser()];
  const random = createRandom(Date.now() % 1_000_000);
  const team = await createWorkspaceWithMembers(db, random, { owner, name: `Nav ${Date.now() % 100000}` });
  const board = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: "public", name: "Ideas" });
  await signInAs(page.context(), stranger.id);
  for (const path of [`/w/${team.slug}`, `/w/${team.slug}/members`, `/w/${team.slug}/api-keys/usage`, `/b/${team.slug}/${board.slug}/settings`, "/staff/jobs", "/staff/billing", "/admin/flags/no-such-flag"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
  }
  // A board's own pages (with loading states) still render for a reader.
  expect((await page.goto(`/b/${team.slug}/${board.slug}`))?.status()).toBe(200);
  expect((await page.goto(`/b/${team.slug}/${board.slug}/roadmap`))?.status()).toBe(200);
});

test("signed in, boards, posts, account pages and an email link's page carry the one header; account pages have their own sub-navigation", async ({ page, db, makeUser, signInAs }) => {
  const user = await makeUser();
  const random = createRandom(Date.now() % 1_000_000);
  const team = await createWorkspaceWithMembers(db, random, { owner: user, name: `Header ${Date.now() % 100000}` });
  const board = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: "public", name: "Ideas" });
  const post = await createFeedbackPost(db, random, { board, authorId: user.id, title: "One header everywhere" });
  await signInAs(page.context(), user.id);
  const boardPath = `/b/${team.slug}/${board.slug}`;
  for (const path of [boardPath, `${boardPath}/p/${post.id}`, `${boardPath}/roadmap`, `${boardPath}/changelog`, "/account", "/account/sessions", "/verify-email?token=not-a-real-token"]) {
    await page.goto(path);
    await expect(page.getByTestId("notification-bell"), path).toBeVisible();
    await expect(page.getByTestId("account-menu"), path).toBeVisible();
    await expect(page.getByTestId("workspace-switcher"), path).toBeVisible();
    await expect(page.getByRole("link", { name: "Create account" }), path).toHaveCount(0);
  }
  // Outside a workspace the switcher names what it holds instead of asking the user to choose.
  await page.goto("/account");
  await expect(page.getByTestId("workspace-switcher")).toHaveText(/Workspaces/);
  await expect(page.getByText("Choose a workspace")).toHaveCount(0);
  // The account pages' own navigation, and "Export my data" in the account menu.
  const accountNav = page.getByRole("navigation", { name: "Account settings" });
  await expect(accountNav.getByRole("link", { name: "Account", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  await accountNav.getByRole("link", { name: "Security log" }).click();
  await expect(page).toHaveURL(/\/account\/security-log$/);
  await expect(accountNav.getByRole("link", { name: "Security log" })).toHaveAttribute("aria-current", "page");
  await page.getByTestId("account-menu").click();
  await page.getByRole("menuitem", { name: "Export my data" }).click();
  await expect(page).toHaveURL(/\/account\/export$/);
});
