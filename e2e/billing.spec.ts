import { eq } from "drizzle-orm";
import type { BrowserContext, Page } from "@playwright/test";
import { createRandom } from "../src/lib/random";
import { createWorkspaceWithMembers } from "../src/server/db/factories";
import * as schema from "../src/server/db/schema";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { holdRequests } from "./support/hold";
import { hydrated } from "./support/hydrated";
import { horizontalOverflow, PHONE } from "./support/overflow";
import { stripeDev } from "./support/stripe-dev";

/**
 * Billing through the local Stripe gateway's hosted pages, as an owner would: checkout, a
 * declined card, seats with the proration shown first, cancel and resume, and a renewal that
 * fails on the gateway's test clock → banner → pay → recovered. The plan flips live (the
 * webhook's sync publishes billing.updated), without a reload. Every click on a signed-in page
 * waits for hydration first (the live indicator): a click before it would do nothing.
 */
let seed = 7_000_000 + (Date.now() % 100_000);

async function teamWorkspace(db: Parameters<typeof createWorkspaceWithMembers>[0], owner: { id: string }) {
  return createWorkspaceWithMembers(db, createRandom(++seed), { owner, name: `Billing Co ${seed}` });
}

/** A new owner of a new workspace, signed in, on its billing page. */
async function ownerOnBillingPage(f: { page: Page; context: BrowserContext; makeUser: () => Promise<{ id: string }>; signInAs: (context: BrowserContext, userId: string) => Promise<unknown>; db: Parameters<typeof createWorkspaceWithMembers>[0] }) {
  const owner = await f.makeUser();
  const ws = await teamWorkspace(f.db, owner);
  await f.signInAs(f.context, owner.id);
  await f.page.goto(`/w/${ws.slug}/billing`);
  await hydrated(f.page);
  return ws;
}

async function checkout(page: Page, plan: "Pro" | "Team", card: string) {
  await page.getByRole("button", { name: `Upgrade to ${plan}` }).click();
  await expect(page.getByRole("button", { name: "Subscribe" })).toBeVisible();
  await page.getByLabel("Card number").fill(card);
  await page.getByRole("button", { name: "Subscribe" }).click();
}

/** Subscribed with the success card, back on the billing page with the plan shown and the page hydrated. */
async function subscribe(page: Page, plan: "Pro" | "Team") {
  await checkout(page, plan, "4242 4242 4242 4242");
  await page.waitForURL(/\/billing\?checkout=success/);
  await hydrated(page);
  await expect(page.getByTestId("current-plan")).toHaveText(plan);
}

test.describe("billing", () => {
  test("upgrade through checkout with the success card: 'confirming' until the webhook lands, then the plan changes live; /pricing marks it current", async ({ page, context, makeUser, signInAs, db, dbUrlFile }) => {
    const ws = await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await expect(page.getByTestId("current-plan")).toHaveText("Free");
    await page.getByRole("button", { name: "Upgrade to Pro" }).click();
    await expect(page.getByRole("button", { name: "Subscribe" })).toBeVisible();
    // The gateway keeps this customer's webhooks until the page has shown that it is waiting for them.
    const [customer] = await db.select().from(schema.billingCustomers).where(eq(schema.billingCustomers.workspaceId, ws.id));
    const gateway = stripeDev(dbUrlFile);
    await gateway.holdCustomerWebhooks(customer!.stripeCustomerId);
    try {
      await page.getByLabel("Card number").fill("4242 4242 4242 4242");
      await page.getByRole("button", { name: "Subscribe" }).click();
      await page.waitForURL(/\/billing\?checkout=success/);
      await hydrated(page);
      await expect(page.getByTestId("checkout-confirming")).toBeVisible();
      await expect(page.getByTestId("current-plan")).toHaveText("Free");
    } finally {
      await gateway.releaseCustomerWebhooks(customer!.stripeCustomerId);
    }
    await expect(page.getByTestId("current-plan")).toHaveText("Pro");
    await expect(page.getByTestId("checkout-confirming")).toHaveCount(0);
    await expect(page.getByTestId("subscription-status")).toHaveText("Active");
    await expect(page.getByTestId("renewal")).toContainText("visa ending 4242");
    await expect(page.getByTestId("invoice-row").first()).toBeVisible();
    await expect(page.getByTestId("usage-chart").getByRole("img")).toHaveAttribute("aria-label", /of 1,000,000 included requests used this period$/);
    await expectAccessible(page);

    // The public price list, from the same plans: the owner's workspace is on Pro, and the toggle shows yearly prices.
    await page.goto("/pricing");
    await expect(page.getByTestId("plan-pro")).toContainText("Current plan");
    await expect(page.getByTestId("plan-team")).not.toContainText("Current plan");
    await expect(page.getByTestId("price-pro")).toHaveText("$29 / month");
    await page.getByRole("radio", { name: /Yearly/ }).click();
    await expect(page.getByRole("radio", { name: /Yearly/ })).toHaveAttribute("aria-checked", "true");
    await expect(page.getByTestId("price-pro")).toHaveText("$290 / year");
    await expect(page.getByTestId("price-team")).toHaveText("$120 per seat / year");
    await expectAccessible(page);
  });

  test("a declined card shows the gateway's message and changes nothing", async ({ page, context, makeUser, signInAs, db }) => {
    await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await checkout(page, "Pro", "4000 0000 0000 0002");
    await expect(page.getByRole("alert")).toContainText("Your card was declined.");
    await page.getByRole("link", { name: "Cancel and return" }).click();
    await page.waitForURL(/\/billing\?checkout=canceled/);
    await expect(page.getByTestId("current-plan")).toHaveText("Free");
    await expect(page.getByText("Checkout was canceled; nothing was charged.")).toBeVisible();
  });

  test("seats change with the proration shown first", async ({ page, context, makeUser, signInAs, db }) => {
    await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await subscribe(page, "Team");
    await expect(page.getByTestId("renewal")).toContainText("1 seat");

    await page.getByRole("button", { name: "Change seats" }).click();
    await page.getByLabel("Seats").fill("5");
    const preview = page.getByTestId("change-preview");
    await expect(preview).toContainText("(prorated)");
    await expect(page.getByTestId("amount-due")).toHaveText(/^\$\d/);
    await page.getByRole("button", { name: "Confirm change" }).click();
    await expect(page.getByTestId("renewal")).toContainText("5 seats");
    await expect(page.getByTestId("seats")).toHaveText("1 / 5");
  });

  test("cancel at period end, then resume, optimistically; a cancel lost on the way rolls back with a toast", async ({ page, context, makeUser, signInAs, db }) => {
    await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await subscribe(page, "Team");
    const renewal = page.getByTestId("renewal");
    await expect(renewal).toContainText("Renews");

    // The connection drops while the cancel is on its way: shown at once, then put back, with a toast.
    const lost = await holdRequests(page, "**/api/trpc/billing.cancel**");
    await page.getByRole("button", { name: "Cancel at period end" }).click();
    await lost.waitForHeld();
    await expect(renewal).toContainText("Ends");
    await lost.release("abort");
    await expect(page.getByTestId("toast").filter({ hasText: "Not canceled" })).toBeVisible();
    await expect(renewal).toContainText("Renews");

    await page.getByRole("button", { name: "Cancel at period end" }).click();
    await expect(renewal).toContainText("Ends");
    await expect(page.getByTestId("toast").filter({ hasText: "Subscription will end" })).toBeVisible();
    await page.getByRole("button", { name: "Resume subscription" }).click();
    await expect(renewal).toContainText("Renews");
    await expect(page.getByTestId("toast").filter({ hasText: "Subscription resumed" })).toBeVisible();
    await page.reload();
    await expect(renewal).toContainText("Renews");
  });

  test("the portal opened from the billing page replaces the card; back on the page, the new card shows", async ({ page, context, makeUser, signInAs, db }) => {
    await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await subscribe(page, "Pro");
    await expect(page.getByTestId("renewal")).toContainText("visa ending 4242");
    await page.getByRole("button", { name: "Payment method & invoices" }).click();
    await page.getByRole("link", { name: "Update payment method" }).click();
    await page.getByLabel("Card number").fill("5555 5555 5555 4444");
    await page.getByRole("button", { name: "Save card" }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await page.getByRole("link", { name: "Return to the app" }).click();
    await page.waitForURL(/\/billing$/);
    // The portal's change reaches the app as webhooks; the page shows it when their sync lands.
    await expect(page.getByTestId("renewal")).toContainText("mastercard ending 4444");
  });

  test("at 360 px the subscribed billing page and the change dialog fit the screen", async ({ page, context, makeUser, signInAs, db }) => {
    await page.setViewportSize(PHONE);
    await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await subscribe(page, "Team");
    await expect(page.getByTestId("invoice-row").first()).toBeVisible();
    await expect(page.locator("[aria-busy='true']")).toHaveCount(0);
    const page1 = await horizontalOverflow(page);
    expect(page1.over, page1.culprits.join("\n")).toBe(0);
    await page.getByRole("button", { name: "Change seats" }).click();
    await page.getByLabel("Seats").fill("3");
    await expect(page.getByTestId("amount-due")).toHaveText(/^\$\d/);
    await expectAccessible(page);
    const dialog = await page.getByRole("dialog").boundingBox();
    expect(dialog!.x).toBeGreaterThanOrEqual(0);
    expect(dialog!.x + dialog!.width).toBeLessThanOrEqual(PHONE.width);
    const page2 = await horizontalOverflow(page);
    expect(page2.over, page2.culprits.join("\n")).toBe(0);
  });

  test("a renewal that fails on the test clock → banner on every page → pay → recovered", async ({ page, context, makeUser, signInAs, db, dbUrlFile }) => {
    const ws = await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await checkout(page, "Pro", "4000 0000 0000 0341");
    await expect(page.getByTestId("current-plan")).toHaveText("Pro", { timeout: 20_000 });
    const [customer] = await db.select().from(schema.billingCustomers).where(eq(schema.billingCustomers.workspaceId, ws.id));
    await stripeDev(dbUrlFile).advanceCustomer(customer!.stripeCustomerId, 32);
    await expect(page.getByTestId("subscription-status")).toHaveText("Payment failed", { timeout: 20_000 });
    await expect(page.getByTestId("invoice-row").filter({ hasText: "open" })).toBeVisible();
    await expectAccessible(page);
    await page.goto("/app");
    await expect(page.getByTestId("past-due-banner")).toContainText(ws.name);
    await hydrated(page);
    await page.getByTestId("past-due-banner").getByRole("link", { name: "Fix billing" }).click();
    await page.getByTestId("invoice-row").filter({ hasText: "open" }).getByRole("link", { name: "Pay" }).click();
    await page.getByLabel("Card number").fill("4242 4242 4242 4242");
    await page.getByRole("button", { name: /^Pay \$/ }).click();
    await expect(page.getByRole("status")).toContainText("Paid");
    await page.goto(`/w/${ws.slug}/billing`);
    await expect(page.getByTestId("subscription-status")).toHaveText("Active", { timeout: 20_000 });
    await page.goto("/app");
    await expect(page.getByTestId("past-due-banner")).toHaveCount(0);
  });

  test("staff read a workspace's invoices and grant a credit: the first grant asks for the password (admin mode), then it lands once through an intent", async ({ page, browser, context, makeUser, signInAs, db }) => {
    const ws = await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await subscribe(page, "Pro");

    const staff = await makeUser({ staffRole: "admin" });
    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();
    await signInAs(staffContext, staff.id);
    await staffPage.goto("/staff/billing");
    await hydrated(staffPage);
    await staffPage.getByLabel("Workspace slug").fill(ws.slug);
    await staffPage.getByRole("button", { name: "Look up" }).click();
    await expect(staffPage.getByRole("heading", { name: ws.name })).toBeVisible();
    // The billing history from the gateway, read-only: the paid first invoice, to view, not to pay.
    const invoice = staffPage.getByTestId("invoice-row");
    await expect(invoice).toHaveCount(1);
    await expect(invoice).toContainText("$29");
    await expect(invoice).toContainText("paid");
    await expect(invoice.getByRole("link", { name: "View" })).toBeVisible();

    await staffPage.getByLabel("Credit (USD)").fill("25");
    await staffPage.getByLabel("Reason").fill("Apology for the outage, ticket 7731");
    await staffPage.getByRole("button", { name: "Grant credit" }).click();
    await staffPage.getByLabel("Your password").fill(staff.password);
    await staffPage.getByRole("button", { name: "Enter admin mode" }).click();
    await expect(staffPage.getByTestId("toast").filter({ hasText: "Credit applied" })).toBeVisible();
    const credit = staffPage.getByRole("row").filter({ hasText: "Apology for the outage, ticket 7731" });
    await expect(credit).toHaveCount(1);
    await expect(credit).toContainText("$25");
    await expect(credit).toContainText("applied");
    await expect(staffPage.getByRole("row").filter({ hasText: "credit_grant" })).toContainText("succeeded");
    await expectAccessible(staffPage);
    await staffContext.close();
  });
});
