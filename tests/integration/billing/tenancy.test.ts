/**
 * Tenant isolation for every billing procedure: the owner of workspace A names workspace B's
 * slug and gets NOT_FOUND, and B's billing rows are untouched. A procedure added to the router
 * without a row here fails the first test.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { billingCustomers, billingIntents } from "@/server/db/schema";
import { appRouter } from "@/server/trpc/root";
import { nextRandom } from "../../support/api";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";

/** `mine` takes no workspace: it lists only the caller's own memberships (asserted below). */
const CALLS: Record<string, (slug: string) => unknown> = {
  mine: () => undefined,
  overview: (workspaceSlug) => ({ workspaceSlug }),
  invoices: (workspaceSlug) => ({ workspaceSlug }),
  startCheckout: (workspaceSlug) => ({ workspaceSlug, plan: "pro", interval: "month" }),
  openPortal: (workspaceSlug) => ({ workspaceSlug }),
  previewChange: (workspaceSlug) => ({ workspaceSlug, plan: "team", interval: "year", seats: 3 }),
  changeSubscription: (workspaceSlug) => ({ workspaceSlug, plan: "team", interval: "year", seats: 3, prorationDate: 1 }),
  cancel: (workspaceSlug) => ({ workspaceSlug }),
  resume: (workspaceSlug) => ({ workspaceSlug }),
};

describe("billing tenancy", () => {
  it("covers every billing procedure", () => {
    const procedures = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("billing.")).map((p) => p.slice("billing.".length));
    expect(procedures.sort()).toEqual(Object.keys(CALLS).sort());
  });

  it("the owner of A gets NOT_FOUND for B through every procedure, and B is untouched", async () => {
    const random = nextRandom();
    const [ownerA, ownerB] = [await createUser(db, random), await createUser(db, random)];
    await createWorkspaceWithMembers(db, random, { owner: ownerA });
    const b = await createWorkspaceWithMembers(db, random, { owner: ownerB });
    await db.insert(billingCustomers).values({ workspaceId: b.id, stripeCustomerId: `cus_tenancy_${b.id.slice(-8)}` });
    const caller = await callerWithHeaders(await signedInHeaders(ownerA.id));
    expect((await caller.billing.mine()).map((w) => w.slug)).not.toContain(b.slug);
    for (const [name, input] of Object.entries(CALLS)) {
      if (name === "mine") continue;
      const fn = (caller.billing as unknown as Record<string, (i: unknown) => Promise<unknown>>)[name]!;
      await expect(fn(input(b.slug)), name).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await db.$count(billingIntents, eq(billingIntents.workspaceId, b.id))).toBe(0);
  });

  it("staff views are staff-only: a workspace owner can't read another's billing history", async () => {
    const random = nextRandom();
    const [ownerA, ownerB] = [await createUser(db, random), await createUser(db, random)];
    await createWorkspaceWithMembers(db, random, { owner: ownerA });
    const b = await createWorkspaceWithMembers(db, random, { owner: ownerB });
    const caller = await callerWithHeaders(await signedInHeaders(ownerA.id));
    await expect(caller.staffBilling.workspace({ workspaceSlug: b.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.staffBilling.invoices({ workspaceSlug: b.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller.staffBilling.grantCredit({ workspaceSlug: b.slug, amountCents: 500, reason: "sneaky" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
