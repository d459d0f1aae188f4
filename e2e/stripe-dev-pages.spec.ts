/**
 * The local Stripe gateway's hosted pages in a real browser (the gateway the e2e server runs):
 * checkout with a declined and a good card, then the portal — seats with the proration shown
 * first, cancel and renew — at desktop width and at 360 px. The app's own billing flows are
 * billing's specs; this one pins the pages and selectors tools/stripe-dev/README.md promises.
 */
import Stripe from "stripe";
import { STRIPE_DEV_SECRET_KEY } from "../src/lib/stripe-dev-keys";
import { expectAccessible } from "./support/axe";
import { expect, test } from "./support/fixtures";
import { stripeDevUrl } from "./support/stripe-dev";

function gateway(dbUrlFile: string) {
  const url = new URL(stripeDevUrl(dbUrlFile));
  return new Stripe(STRIPE_DEV_SECRET_KEY, { host: url.hostname, port: Number(url.port), protocol: "http" });
}

test("hosted checkout and portal: decline, subscribe, change seats with proration, cancel and renew", async ({ page, dbUrlFile, baseURL }) => {
  const stripe = gateway(dbUrlFile);
  const suffix = Date.now().toString(36);
  // A name of its own: billing's specs share this gateway and pick plans by name.
  const team = await stripe.products.create({ name: `Gateway plan ${suffix}` });
  const monthly = await stripe.prices.create({ product: team.id, currency: "usd", unit_amount: 1500, recurring: { interval: "month" }, lookup_key: `e2e_team_${suffix}` });
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [{ price: monthly.id, quantity: 2 }],
    customer_email: `e2e-${suffix}@example.com`,
    success_url: `${baseURL}/?checkout={CHECKOUT_SESSION_ID}`,
    cancel_url: `${baseURL}/`,
  });

  await page.goto(session.url!);
  await expect(page.getByRole("table", { name: "Order summary" })).toContainText("$30.00");
  await expectAccessible(page);
  await page.getByLabel("Card number").fill("4000 0000 0000 0002");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("alert")).toHaveText("Your card was declined.");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: "Subscribe" }).click();
  await page.waitForURL(`${baseURL}/?checkout=${session.id}`);

  const done = await stripe.checkout.sessions.retrieve(session.id);
  const portal = await stripe.billingPortal.sessions.create({ customer: done.customer as string, return_url: `${baseURL}/` });
  await page.goto(portal.url);
  const subscription = page.getByRole("region", { name: `Subscription ${done.subscription}` });
  await expect(subscription).toContainText("2 seats");
  await subscription.getByRole("link", { name: "Update plan" }).click();
  await page.getByRole("radio", { name: `Gateway plan ${suffix} — $15.00 / month` }).check();
  await page.getByLabel("Seats", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Preview changes" }).click();
  const preview = page.getByRole("region", { name: "Proration preview" });
  await expect(preview).toContainText(`Remaining time on 3 × Gateway plan ${suffix}`);
  await expect(preview).toContainText("Amount due today");
  await expectAccessible(page);
  await preview.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status")).toHaveText("Your plan has been updated.");
  await expect(subscription).toContainText("3 seats");

  await subscription.getByRole("link", { name: "Cancel plan" }).click();
  await page.getByRole("button", { name: "Confirm cancellation" }).click();
  await expect(page.getByRole("status")).toContainText("Your plan will be canceled on");
  await subscription.getByRole("button", { name: "Renew plan" }).click();
  await expect(page.getByRole("status")).toHaveText("Your plan has been renewed.");
  await expect(page.getByRole("table", { name: "Invoice history" }).getByRole("link", { name: /View invoice/ })).toHaveCount(2);

  await page.setViewportSize({ width: 360, height: 780 });
  const open = await stripe.checkout.sessions.create({ mode: "subscription", line_items: [{ price: monthly.id, quantity: 1 }], success_url: `${baseURL}/` });
  for (const url of [portal.url, session.url!, open.url!, `${portal.url}/payment-method`]) {
    await page.goto(url);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  }
  await expect(page.getByLabel("Card number")).toBeVisible();
  // Out of the plan choices other specs' portals offer.
  await stripe.prices.update(monthly.id, { active: false });
});
