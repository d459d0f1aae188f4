/**
 * Staff credit (issue 10 "Staff"): a staff admin's write, so admin mode first and a staff audit
 * entry; the credit goes through an intent whose id is the gateway call's Idempotency-Key, so a
 * retry — after the gateway was down, or after a crash between its answer and our write —
 * applies it exactly once. Real gateway (tools/stripe-dev) through the real SDK.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { grantCredit } from "@/features/billing/server/grant-credit";
import { getStaffBilling } from "@/features/billing/server/get-staff-billing";
import { settlePendingIntents } from "@/features/billing/server/reconcile-billing";
import { payHostedCheckout } from "@/features/billing/server/seed-billing";
import { startCheckout } from "@/features/billing/server/start-checkout";
import { syncWorkspaceBilling } from "@/features/billing/server/sync-workspace-billing";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers, FACTORY_PASSWORD } from "@/server/db/factories";
import { billingCreditGrants, billingCustomers, billingIntents, staffAuditLog } from "@/server/db/schema";
import { stripeClient } from "@/server/stripe/client";
import { actorFor, nextRandom } from "../../support/api";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";
import { gatewayForFile } from "./gateway";

const gw = gatewayForFile();
const stripe = stripeClient();
const LATER = () => new Date(Date.now() + 10 * 60_000);

/** A Pro workspace with a gateway customer, subscribed the way a customer does it. */
async function subscribedWorkspace() {
  const random = nextRandom();
  const owner = await createUser(db, random);
  const workspace = await createWorkspaceWithMembers(db, random, { owner });
  const { url } = await startCheckout({ workspaceSlug: workspace.slug, plan: "pro", interval: "month", seats: 1 }, actorFor(owner, workspace, "owner"), db);
  await payHostedCheckout(url, "4242 4242 4242 4242");
  await syncWorkspaceBilling(db, workspace.id);
  const customer = (await db.select().from(billingCustomers).where(eq(billingCustomers.workspaceId, workspace.id)))[0]!.stripeCustomerId;
  return { workspace, customer };
}

async function staffAdmin() {
  const staff = await createUser(db, nextRandom(), { staffRole: "admin" });
  return { staff, actor: { userId: staff.id, email: staff.email, ip: "127.0.0.1" } };
}

const balanceOf = async (customer: string) => ((await stripe.customers.retrieve(customer)) as { balance: number }).balance;
const balanceTransactions = async (customer: string) => (await stripe.customers.listBalanceTransactions(customer)).data;
const creditIntents = (workspaceId: string) => db.select().from(billingIntents).where(and(eq(billingIntents.workspaceId, workspaceId), eq(billingIntents.kind, "credit_grant")));

describe("staff credit grant", () => {
  it("needs admin mode; then credits once, with a staff audit entry naming the reason", async () => {
    const { workspace, customer } = await subscribedWorkspace();
    const { staff } = await staffAdmin();
    const caller = await callerWithHeaders(await signedInHeaders(staff.id, { twoFactorVerified: true }));
    const input = { workspaceSlug: workspace.slug, amountCents: 1_500, reason: "Sorry for the outage" };

    await expect(caller.staffBilling.grantCredit(input)).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(await creditIntents(workspace.id)).toHaveLength(0);
    expect(await balanceOf(customer)).toBe(0);

    await caller.admin.enterAdminMode({ password: FACTORY_PASSWORD });
    expect(await caller.staffBilling.grantCredit(input)).toMatchObject({ status: "succeeded", message: null });
    expect(await balanceOf(customer)).toBe(-1_500);
    const [entry] = await db.select().from(staffAuditLog).where(and(eq(staffAuditLog.action, "billing.credit_granted"), eq(staffAuditLog.targetId, workspace.id)));
    expect(entry).toMatchObject({ actorUserId: staff.id, actorEmail: staff.email, targetType: "workspace", reason: "Sorry for the outage", after: { amountCents: 1_500 } });
  });

  it("the gateway down: pending and nothing credited; the reconciler retries with the same key and credits once", async () => {
    const { workspace, customer } = await subscribedWorkspace();
    const { actor } = await staffAdmin();
    gw.server.control.setGatewayMode("down");
    let result: Awaited<ReturnType<typeof grantCredit>>;
    try {
      result = await grantCredit({ workspaceSlug: workspace.slug, amountCents: 2_000, reason: "Goodwill" }, actor, db);
    } finally {
      gw.server.control.setGatewayMode("up");
    }
    expect(result).toMatchObject({ status: "pending", message: expect.any(String) });
    expect(await balanceOf(customer)).toBe(0);
    expect((await getStaffBilling({ workspaceSlug: workspace.slug }, actor, db)).creditGrants).toMatchObject([{ amountCents: 2_000, settled: false }]);

    expect(await settlePendingIntents(db, LATER())).toMatchObject({ succeeded: 1, pending: 0 });
    expect(await settlePendingIntents(db, LATER())).toMatchObject({ succeeded: 0, failed: 0, pending: 0 });
    expect(await balanceOf(customer)).toBe(-2_000);
    expect(await balanceTransactions(customer)).toHaveLength(1);
    expect((await getStaffBilling({ workspaceSlug: workspace.slug }, actor, db)).creditGrants).toMatchObject([{ amountCents: 2_000, settled: true }]);
  });

  it("a crash after the gateway applied it but before our write: the retry gets the original answer, one credit", async () => {
    const { workspace, customer } = await subscribedWorkspace();
    const { actor } = await staffAdmin();
    const original = stripe.customers.createBalanceTransaction.bind(stripe.customers);
    let applied: string | null = null;
    stripe.customers.createBalanceTransaction = (async (...args: Parameters<typeof original>) => {
      applied = (await original(...args)).id;
      throw new Error("the process died here");
    }) as typeof original;
    try {
      await expect(grantCredit({ workspaceSlug: workspace.slug, amountCents: 700, reason: "Refund for the double charge" }, actor, db)).rejects.toThrow("the process died here");
    } finally {
      stripe.customers.createBalanceTransaction = original;
    }
    expect(applied).toMatch(/^cbtxn_/);
    expect(await balanceOf(customer)).toBe(-700);
    expect(await creditIntents(workspace.id)).toMatchObject([{ status: "pending" }]);

    expect(await settlePendingIntents(db, LATER())).toMatchObject({ succeeded: 1 });
    expect(await balanceOf(customer)).toBe(-700);
    expect(await balanceTransactions(customer)).toHaveLength(1);
    expect(await creditIntents(workspace.id)).toMatchObject([{ status: "succeeded" }]);
    const [grant] = await db.select().from(billingCreditGrants).where(eq(billingCreditGrants.workspaceId, workspace.id));
    expect(grant!.stripeBalanceTransactionId).toBe(applied);
  });
});
