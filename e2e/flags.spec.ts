import type { BrowserContext, Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { inRollout } from "../src/lib/flags/hash";
import { createRandom } from "../src/lib/random";
import { createFeedbackBoard, createWorkspaceWithMembers } from "../src/server/db/factories";
import { featureFlags } from "../src/server/db/schema";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { formHydrated, hydrated } from "./support/hydrated";

// Both tests change boards.trending-sort on this server: one after the other. (No other spec uses it.)
test.describe.configure({ mode: "serial" });

const FLAG = "boards.trending-sort";
const transportOf = () => (test.info().project.metadata as { transport?: string }).transport ?? "sse";
const trendingOption = (page: Page) => page.locator('#sort option[value="trending"]');

async function publicBoard(db: Parameters<typeof createFeedbackBoard>[0], owner: { id: string }) {
  const random = createRandom(Date.now() % 1_000_000);
  const team = await createWorkspaceWithMembers(db, random, { owner, name: `Flags ${Date.now() % 100_000}` });
  const board = await createFeedbackBoard(db, random, { workspaceId: team.id, visibility: "public", name: "Ideas" });
  return `/b/${team.slug}/${board.slug}`;
}

test.beforeEach(async ({ db }) => {
  // Start from the code default (on for everyone); the NOTIFY trigger reloads the server's cache.
  await db.delete(featureFlags).where(eq(featureFlags.key, FLAG));
});

test("staff pull the kill switch and an open board loses Trending within 2 s, without a reload", async ({ browser, db, makeUser, signInAs }) => {
  test.setTimeout(120_000);
  const [staff, viewer] = [await makeUser({ staffRole: "support" }), await makeUser()];
  const path = await publicBoard(db, viewer);
  const [staffContext, viewerContext] = [await browser.newContext(), await browser.newContext()];
  await signInAs(staffContext, staff.id);
  await signInAs(viewerContext, viewer.id);
  const [staffPage, viewerPage] = [await staffContext.newPage(), await viewerContext.newPage()];

  await viewerPage.goto(path);
  await expect(viewerPage.getByTestId("live-indicator")).toHaveAttribute("data-status", "live");
  await expect(viewerPage.getByTestId("live-indicator")).toHaveAttribute("data-transport", transportOf());
  await expect(trendingOption(viewerPage)).toHaveCount(1);
  await viewerPage.getByLabel("Sort").selectOption("trending");
  await viewerPage.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await staffPage.goto("/admin/flags");
  await expect(staffPage.getByRole("heading", { name: "Feature flags" })).toBeVisible();
  await hydrated(staffPage);
  const row = staffPage.getByTestId("flag-row").and(staffPage.locator(`[data-flag="${FLAG}"]`));
  await row.getByRole("button", { name: `Kill ${FLAG}` }).click();
  await staffPage.getByLabel("Reason").fill("Trending query is timing out");
  await staffPage.getByRole("button", { name: "Kill it" }).click();
  // A staff write: the first one asks for the password (admin mode), then goes through.
  await staffPage.getByLabel("Your password").fill(staff.password);
  await staffPage.getByRole("button", { name: "Enter admin mode" }).click();
  await expect(row.getByTestId("flag-state")).toHaveText("Killed");

  // The poll's bound is the requirement: gone from the open tab within 2 s, and the list falls back to Top.
  await expect(trendingOption(viewerPage)).toHaveCount(0, { timeout: 2_000 });
  await expect(viewerPage.getByLabel("Sort")).toHaveValue("top");
  expect(await viewerPage.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // Released: it comes back the same way.
  await row.getByRole("button", { name: `Release kill switch of ${FLAG}` }).click();
  await expect(trendingOption(viewerPage)).toHaveCount(1, { timeout: 2_000 });

  // The change is in the audit log with its reason.
  await staffPage.reload();
  await expect(staffPage.getByTestId("audit-entry").filter({ hasText: "flag.kill" }).first()).toContainText("Trending query is timing out");
  await expectAccessible(staffPage);
  await Promise.all([staffContext.close(), viewerContext.close()]);
});

async function signInThroughForm(context: BrowserContext, email: string, password: string, next: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await formHydrated(page.getByRole("form", { name: "Sign in" }));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === next);
  return page;
}

test("a 10% rollout puts the same person in the same variant on every sign-in", async ({ browser, db, makeUser, signInAs }) => {
  test.skip(transportOf() !== "sse", "transport-independent; runs once");
  test.setTimeout(120_000);
  const staff = await makeUser({ staffRole: "product" });
  const owner = await makeUser();
  const path = await publicBoard(db, owner);

  // Staff set the rollout in the editor: 10% by user get Trending, everyone else doesn't.
  const staffContext = await browser.newContext();
  await signInAs(staffContext, staff.id);
  const staffPage = await staffContext.newPage();
  await staffPage.goto(`/admin/flags/${FLAG}`);
  await hydrated(staffPage);
  await staffPage.getByLabel("Roll out to a percentage").check();
  await staffPage.getByLabel("Percentage", { exact: true }).fill("10");
  await staffPage.getByLabel("Everyone else gets").selectOption("off");
  await staffPage.getByRole("button", { name: "Save targeting" }).click();
  await staffPage.getByLabel("Your password").fill(staff.password);
  await staffPage.getByRole("button", { name: "Enter admin mode" }).click();
  await expect(staffPage.getByText("Flag saved").first()).toBeVisible();

  // One person inside the 10% and one outside (the bucket is a pure function of flag and id).
  type Person = Awaited<ReturnType<typeof makeUser>>;
  let inside: Person | undefined;
  let outside: Person | undefined;
  while (!inside || !outside) {
    const person = await makeUser();
    if (inRollout(FLAG, person.id, 10)) inside ??= person;
    else outside ??= person;
  }

  // "Who sees this" agrees with the bucket.
  await staffPage.getByLabel("User email").fill(inside.email);
  await staffPage.getByRole("button", { name: "Check" }).click();
  await expect(staffPage.getByTestId("explain-variant")).toHaveText("on");
  await expect(staffPage.getByTestId("explain-result")).toContainText("In the 10% rollout by user");

  for (const [person, expected] of [[inside, 1], [outside, 0]] as const) {
    for (let signIn = 0; signIn < 3; signIn++) {
      const context = await browser.newContext();
      const page = await signInThroughForm(context, person.email, person.password, path);
      await expect(page.getByLabel("Sort")).toBeVisible();
      await expect(trendingOption(page)).toHaveCount(expected);
      await context.close();
    }
  }
  await staffContext.close();
});
