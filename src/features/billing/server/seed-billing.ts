import "server-only";
import type { Db } from "@/server/db/client";
import { OPERATOR_WORKSPACE } from "@/server/db/seed";
import { PAST_DUE_WORKSPACE } from "@/server/db/seed-characters";
import { PLANS, type PaidPlanId } from "@/lib/plans";
import { stripeGatewayKind } from "@/server/stripe/client";
import { gateway } from "./gateway";
import { startCheckout } from "./start-checkout";
import { insertCustomerIfAbsent, selectCustomer, selectOwnerEmails, selectSubscription, selectWorkspaceBySlug } from "./subscription-queries";
import { syncWorkspaceBilling } from "./sync-workspace-billing";

/** Test cards of the local gateway (tools/stripe-dev/README.md). */
const CARD_OK = "4242 4242 4242 4242";
const CARD_FAILS_ON_RENEWAL = "4000 0000 0000 0341";
const DAY_S = 86_400;

type SeededBilling = { slug: string; plan: PaidPlanId; seats: number; card: string; renewalFails: boolean };

/**
 * The seeded characters' billing, made the way a customer makes it: the app's own checkout
 * (an intent, a gateway customer, a Checkout Session), the hosted checkout page submitted with
 * a test card, then the sync every webhook runs — so the rows are exactly those a webhook from
 * the gateway would leave, and the gateway agrees with them.
 * - Groundwork: Team, 5 seats, active.
 * - Lapsed Labs: Pro, on a test clock started 33 days ago with the card that fails on renewal,
 *   advanced to now: the renewal failed → `past_due`, grace period running from now.
 * Idempotent: a workspace that already has a subscription is left alone. Only against the local
 * gateway (the hosted checkout can't be filled in by a script at Stripe); otherwise skipped.
 */
export const SEEDED_BILLING: readonly SeededBilling[] = [
  { slug: OPERATOR_WORKSPACE.slug, plan: "team", seats: 5, card: CARD_OK, renewalFails: false },
  { slug: PAST_DUE_WORKSPACE.slug, plan: "pro", seats: 1, card: CARD_FAILS_ON_RENEWAL, renewalFails: true },
];

export async function seedBillingCharacters(db: Db, now = new Date()): Promise<string[]> {
  if (stripeGatewayKind() !== "local") return ["Billing characters skipped: they are seeded through the local Stripe gateway, and STRIPE_SECRET_KEY is set (or no gateway is)."];
  const lines: string[] = [];
  for (const spec of SEEDED_BILLING) lines.push(await seedOne(db, spec, now));
  return lines;
}

async function seedOne(db: Db, spec: SeededBilling, now: Date): Promise<string> {
  const workspace = await selectWorkspaceBySlug(db, spec.slug);
  if (!workspace) throw new Error(`seed billing: no workspace ${spec.slug} (run the seeder first)`);
  const existing = await selectSubscription(db, workspace.id);
  if (existing) return `${workspace.name}: already ${PLANS[existing.plan].name}, ${existing.status}`;
  const [owner] = await selectOwnerEmails(db, workspace.id);
  if (!owner) throw new Error(`seed billing: ${spec.slug} has no owner`);

  // A renewal happens only on a test clock: the customer is created on one, back-dated so that
  // moving it to now crosses the first renewal (and no retry yet).
  const clock = spec.renewalFails ? await clockedCustomer(db, workspace, owner.email, now) : null;
  const actor = { userId: owner.userId, displayName: owner.displayName, impersonatorId: null, ip: "127.0.0.1", workspace: { id: workspace.id, slug: workspace.slug, name: workspace.name, personal: false, role: "owner" as const } };
  const { url } = await startCheckout({ workspaceSlug: workspace.slug, plan: spec.plan, interval: "month", seats: spec.seats }, actor, db);
  await payHostedCheckout(url, spec.card);
  if (clock) await gateway().testHelpers.testClocks.advance(clock, { frozen_time: Math.floor(now.getTime() / 1000) });
  const sync = await syncWorkspaceBilling(db, workspace.id, now);
  return `${workspace.name}: ${PLANS[spec.plan].name}${PLANS[spec.plan].perSeat ? ` (${spec.seats} seats)` : ""}, ${sync?.status ?? "no subscription"}${sync?.graceEndsAt ? ` until ${sync.graceEndsAt.toISOString()}` : ""}`;
}

async function clockedCustomer(db: Db, workspace: { id: string; name: string; slug: string }, email: string, now: Date): Promise<string | null> {
  const current = await selectCustomer(db, workspace.id);
  if (current) {
    // A run that stopped after creating the customer: go on with its clock.
    const customer = await gateway().customers.retrieve(current.stripeCustomerId);
    return "test_clock" in customer && typeof customer.test_clock === "string" ? customer.test_clock : null;
  }
  const start = Math.floor(now.getTime() / 1000) - 33 * DAY_S;
  const clock = await gateway().testHelpers.testClocks.create({ frozen_time: start, name: `seed ${workspace.slug}` }, { idempotencyKey: `seed-clock-${workspace.id}-${start}` });
  const customer = await gateway().customers.create(
    { name: workspace.name, email, test_clock: clock.id, metadata: { workspaceId: workspace.id, workspaceSlug: workspace.slug } },
    { idempotencyKey: `seed-customer-${workspace.id}-${start}` },
  );
  await insertCustomerIfAbsent(db, workspace.id, customer.id);
  return clock.id;
}

/** Submits the local gateway's hosted checkout form as a browser would (the one step the SDK has no call for). */
export async function payHostedCheckout(url: string, card: string): Promise<string> {
  const response = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ card_number: card, card_expiry: "12 / 34", card_cvc: "123" }),
  });
  const redirect = response.headers.get("location");
  if (!redirect) throw new Error(`seed billing: the hosted checkout refused (${response.status}): ${(await response.text()).replace(/<[^>]+>/g, " ").slice(0, 300)}`);
  return redirect;
}
