import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { invites } from "../src/server/db/schema";
import { createFeedbackBoard, createFeedbackPost, createWorkspaceWithMembers } from "../src/server/db/factories";
import { createRandom } from "../src/lib/random";
import { FLAGS } from "../src/lib/flags/registry";
import { generateToken, hashToken } from "../src/server/auth/tokens";
import { expect, test } from "./support/fixtures";
import { horizontalOverflow, PHONE } from "./support/overflow";

/**
 * Every page of the app at a 360 px phone width, signed out and signed in (as staff, so the
 * staff pages render too): none may be wider than the screen.
 *
 * The routes are read from src/app, so a page added later is visited without touching this
 * file — unless it has a dynamic segment this file has no sample value for, which fails the
 * test: add the segment to SAMPLES below (a value the arranged data makes real).
 */

type Samples = { workspace: string; board: string; post: string; key: string; token: string; userId: string; workspaceId: string };
/**
 * `[segment]` (or `parent/[segment]` where one name means different things) → its value in the
 * arranged data. Add a line here when a new dynamic segment appears.
 */
const SAMPLES: Record<string, (s: Samples) => string> = {
  "[workspace]": (s) => s.workspace,
  "[board]": (s) => s.board,
  "[post]": (s) => s.post,
  "[key]": (s) => encodeURIComponent(s.key),
  "[token]": (s) => s.token,
  "users/[id]": (s) => s.userId,
  "workspaces/[id]": (s) => s.workspaceId,
};
/** Pages not visited, and why. */
const SKIP: Record<string, string> = {
  "/dev/boom": "fails on purpose (the error page's own test covers it)",
};

type Route = { route: string; signedInOnly: boolean };

/** Every page.tsx under src/app as its URL pattern, route groups removed. */
function appRoutes(): Route[] {
  const root = path.resolve("src/app");
  const found: Route[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        // Private folders (_x) and the API are not pages; parallel slots (@x) are part of their parent.
        if (!entry.name.startsWith("_") && !(dir === root && entry.name === "api")) walk(full);
      } else if (/^page\.(tsx|ts|jsx|js|mdx)$/.test(entry.name)) {
        const segments = path.relative(root, dir).split(path.sep).filter(Boolean);
        const route = "/" + segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@")).join("/");
        found.push({ route, signedInOnly: segments.includes("(signed-in)") });
      }
    }
  };
  walk(root);
  return found.sort((a, b) => a.route.localeCompare(b.route));
}

const sampleFor = (route: string, segment: string, at: number) => SAMPLES[`${route.slice(0, at).split("/").at(-2)}/${segment}`] ?? SAMPLES[segment];

function fill(route: string, samples: Samples): string {
  return route.replace(/\[[^\]]+\]/g, (segment, at: number) => {
    const sample = sampleFor(route, segment, at);
    if (!sample) throw new Error(`${route}: no sample value for ${segment} — add it to SAMPLES in e2e/mobile.spec.ts`);
    return sample(samples);
  });
}

async function visitAll(page: Page, routes: Route[], samples: Samples, signedIn: boolean) {
  const problems: string[] = [];
  for (const { route } of routes) {
    const url = fill(route, samples);
    const response = await page.goto(url);
    // Settled: the page's loading states have given way to content (a skeleton is narrower than what replaces it).
    await expect(page.locator("[aria-busy='true']")).toHaveCount(0);
    const status = response?.status() ?? 0;
    if (status >= 500) problems.push(`${url}: HTTP ${status}`);
    if (signedIn && new URL(page.url()).pathname === "/sign-in") problems.push(`${url}: sent to sign-in although signed in`);
    const { over, culprits } = await horizontalOverflow(page);
    if (over > 0) problems.push(`${url} (${new URL(page.url()).pathname}): ${over}px wider than the ${PHONE.width}px screen\n    ${culprits.join("\n    ")}`);
  }
  return problems;
}

test.use({ viewport: PHONE, isMobile: true, hasTouch: true });
// One test walks dozens of pages: the bound grows with the number of routes (a page that never
// settles still fails, after its own expect timeout).
const perPage = 10_000;

test.describe("at 360 px", () => {
  let samples: Samples;
  let staffId: string;
  const routes = appRoutes().filter((r) => !(r.route in SKIP));

  test.beforeAll(() => {
    // Fail early and by name for a dynamic segment nobody mapped.
    const unmapped = routes.flatMap((r) => [...r.route.matchAll(/\[[^\]]+\]/g)].filter((m) => !sampleFor(r.route, m[0], m.index)).map((m) => `${r.route}: ${m[0]}`));
    expect(unmapped, "dynamic segments without a sample value in e2e/mobile.spec.ts SAMPLES").toEqual([]);
  });

  test.beforeEach(async ({ db, makeUser }) => {
    if (samples) return;
    const staff = await makeUser({ staffRole: "admin" });
    staffId = staff.id;
    const random = createRandom(Date.now() % 1_000_000);
    const team = await createWorkspaceWithMembers(db, random, { owner: staff, name: "Long-named organisation, Inc." });
    const board = await createFeedbackBoard(db, random, { workspaceId: team.id, name: "Feature requests and other ideas", visibility: "public" });
    const post = await createFeedbackPost(db, random, { board, authorId: staff.id, title: "A post whose title is long enough to wrap on a phone screen twice over", body: "Some **markdown** and a long URL https://example.com/a/very/long/path/that/should/wrap/and/not/stretch/the/page" });
    const token = generateToken();
    await db.insert(invites).values({ workspaceId: team.id, email: `invitee-${Date.now()}@example.test`, role: "member", tokenHash: hashToken(token), invitedBy: staff.id, expiresAt: new Date(Date.now() + 86_400_000) });
    samples = { workspace: team.slug, board: board.slug, post: post.id, key: Object.keys(FLAGS)[0]!, token, userId: (await makeUser()).id, workspaceId: team.id };
  });

  test("every public page, signed out", async ({ page }) => {
    test.setTimeout(60_000 + routes.length * perPage);
    const problems = await visitAll(page, routes.filter((r) => !r.signedInOnly), samples, false);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  test("every page, signed in as staff", async ({ page, signInAs }) => {
    test.setTimeout(60_000 + routes.length * perPage);
    await signInAs(page.context(), staffId);
    const problems = await visitAll(page, routes, samples, true);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  test("the phone header: a menu with the app links, account pages, theme and sign-out", async ({ page, signInAs }) => {
    await signInAs(page.context(), staffId);
    await page.goto(`/w/${samples.workspace}`);
    await expect(page.getByTestId("account-menu")).toBeHidden();
    await expect(page.getByRole("navigation", { name: "App" })).toBeHidden();
    await page.getByTestId("header-menu").click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem", { name: "Export my data" })).toBeVisible();
    await expect(menu.getByRole("menuitem", { name: "Jobs" })).toBeVisible();
    await expect(menu.getByRole("menuitemradio", { name: "Dark" })).toBeVisible();
    await menu.getByRole("menuitem", { name: "Security", exact: true }).click();
    await expect(page).toHaveURL(/\/account\/security$/);
    // The workspace tabs scroll sideways instead of wrapping or widening the page.
    await page.goto(`/w/${samples.workspace}/members`);
    const tabs = page.getByRole("navigation", { name: "Workspace" });
    await expect(tabs.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
    expect(await tabs.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await tabs.getByRole("link", { name: "Billing" }).scrollIntoViewIfNeeded();
    await tabs.getByRole("link", { name: "Billing" }).click();
    await expect(page).toHaveURL(/\/billing$/);

    // Sign out from the phone menu: the session ends, and a signed-in page sends to sign-in again.
    await page.getByTestId("header-menu").click();
    await page.getByRole("menu").getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`/w/${samples.workspace}`);
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
