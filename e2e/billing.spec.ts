import { eq } from "drizzle-orm";
import type { BrowserContext, Page } from "@playwright/test";
import { createRandom } from "../src/lib/random";
import { createWorkspaceWithMembers } from "../src/server/db/factories";
import * as schema from "../src/server/db/schema";
import { expect, test } from "./support/fixtures";
import { stripeDev } from "./support/stripe-dev";

/**
 * Billing through the local Stripe gateway's hosted pages, as an owner would: checkout, a
 * declined card, seats with the proration shown first, cancel and resume, and a renewal that
 * fails on the gateway's test clock → banner → pay → recovered. The plan flips live (the
 * webhook's sync publishes billing.updated), without a reload.
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
  return ws;
}

async function checkout(page: Page, plan: "Pro" | "Team", card: string) {
  await page.getByRole("button", { name: `Upgrade to ${plan}` }).click();
  await expect(page.getByRole("button", { name: "Subscribe" })).toBeVisible();
  await page.getByLabel("Card number").fill(card);
  await page.getByRole("button", { name: "Subscribe" }).click();
}

test.describe("billing", () => {
  test("upgrade through checkout with the success card; the plan changes live", async ({ page, context, makeUser, signInAs, db }) => {
    const ws = await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await expect(page.getByTestId("current-plan")).toHaveText("Free");
    await checkout(page, "Pro", "4242 4242 4242 4242");
    await page.waitForURL(/\/billing\?checkout=success/);
    const ledger = () => db.select({ type: schema.billingWebhookEvents.type, status: schema.billingWebhookEvents.status, error: schema.billingWebhookEvents.error }).from(schema.billingWebhookEvents).where(eq(schema.billingWebhookEvents.workspaceId, ws.id));
    await expect.poll(async () => (await db.select({ plan: schema.workspaces.plan }).from(schema.workspaces).where(eq(schema.workspaces.id, ws.id)))[0]!.plan, { message: JSON.stringify(await ledger()) }).toBe("pro");
    await expect(page.getByTestId("current-plan")).toHaveText("Pro", { timeout: 20_000 });
    await expect(page.getByTestId("subscription-status")).toHaveText("Active");
    await expect(page.getByTestId("renewal")).toContainText("visa ending 4242");
    await expect(page.getByTestId("invoice-row").first()).toBeVisible();
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
    await checkout(page, "Team", "4242 4242 4242 4242");
    await expect(page.getByTestId("current-plan")).toHaveText("Team", { timeout: 20_000 });
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

  test("cancel at period end, then resume: the subscription renews, after a reload too", async ({ page, context, makeUser, signInAs, db }) => {
    await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await checkout(page, "Team", "4242 4242 4242 4242");
    await expect(page.getByTestId("current-plan")).toHaveText("Team", { timeout: 20_000 });
    await page.getByRole("button", { name: "Cancel at period end" }).click();
    await expect(page.getByTestId("renewal")).toContainText("Ends");
    await page.getByRole("button", { name: "Resume subscription" }).click();
    await expect(page.getByTestId("renewal")).toContainText("Renews");
    await page.reload();
    await expect(page.getByTestId("renewal")).toContainText("Renews");
  });

  test("a renewal that fails on the test clock → banner on every page → pay → recovered", async ({ page, context, makeUser, signInAs, db, dbUrlFile }) => {
    const ws = await ownerOnBillingPage({ page, context, makeUser, signInAs, db });
    await checkout(page, "Pro", "4000 0000 0000 0341");
    await expect(page.getByTestId("current-plan")).toHaveText("Pro", { timeout: 20_000 });
    const [customer] = await db.select().from(schema.billingCustomers).where(eq(schema.billingCustomers.workspaceId, ws.id));
    await stripeDev(dbUrlFile).advanceCustomer(customer!.stripeCustomerId, 32);
    await expect(page.getByTestId("subscription-status")).toHaveText("Payment failed", { timeout: 20_000 });
    await page.goto("/app");
    await expect(page.getByTestId("past-due-banner")).toContainText(ws.name);
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
});
