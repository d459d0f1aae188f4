import { hydrated } from "./support/hydrated";
import { expect, test } from "./support/fixtures";

// Dialogs and header popups are not in a page's first load (decision 041); their code is fetched
// when the browser is idle after hydration, so losing the network afterwards doesn't stop them opening.
test("after the page settles, a user who has gone offline still opens the header's menus, the bell and a dialog", async ({ browser, makeUser, signInAs }) => {
  const owner = await makeUser();
  const context = await browser.newContext();
  await signInAs(context, owner.id);
  const page = await context.newPage();
  await page.goto(`/w/${owner.workspaceSlug}/api-keys`);
  await hydrated(page);
  await expect(page.getByTestId("workspace-switcher")).toBeVisible();
  await expect(page.locator("html"), "on-demand code fetched").toHaveAttribute("data-on-demand", "ready");

  await context.setOffline(true);

  await page.getByTestId("account-menu").click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);

  await page.getByTestId("workspace-switcher").click();
  await expect(page.getByRole("menu")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("menu")).toHaveCount(0);

  await page.getByTestId("notification-bell").click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("dialog").getByLabel("Name")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await context.setOffline(false);
  await context.close();
});

test("at phone width, the header's one menu opens offline too", async ({ browser, makeUser, signInAs }) => {
  const owner = await makeUser();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await signInAs(context, owner.id);
  const page = await context.newPage();
  await page.goto(`/w/${owner.workspaceSlug}`);
  await hydrated(page);
  await expect(page.getByTestId("workspace-switcher")).toBeVisible();
  await expect(page.locator("html"), "on-demand code fetched").toHaveAttribute("data-on-demand", "ready");

  await context.setOffline(true);
  await page.getByTestId("header-menu").click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await context.setOffline(false);
  await context.close();
});
