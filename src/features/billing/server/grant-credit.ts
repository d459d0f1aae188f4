import "server-only";
import type { z } from "zod";
import { uuidv7 } from "@/lib/ids";
import type { Db } from "@/server/db/client";
import { recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import { AppError } from "@/server/errors";
import type { grantCreditInput } from "../schemas";
import { insertCreditGrant } from "./credit-queries";
import { executeIntent } from "./execute-intent";
import { insertIntent } from "./intent-queries";
import { selectCustomer, selectWorkspaceBySlug } from "./subscription-queries";

/**
 * Staff credit (a negative customer balance the next invoices draw from). The intent and the
 * grant row commit together before the gateway call; a crash after it is settled by the
 * reconciler with the same Idempotency-Key, so a credit is never applied twice. A staff write:
 * the router asks for admin mode, and the staff audit log gets its entry in the same transaction.
 */
export async function grantCredit(input: z.output<typeof grantCreditInput>, actor: StaffAuditActor, db: Db) {
  const workspace = await selectWorkspaceBySlug(db, input.workspaceSlug);
  if (!workspace) throw new AppError("NOT_FOUND", { userMessage: `No workspace at “${input.workspaceSlug}”.` });
  const customer = await selectCustomer(db, workspace.id);
  if (!customer) throw new AppError("BAD_REQUEST", { userMessage: `${workspace.name} has never subscribed, so there is no customer to credit.` });
  const grantId = uuidv7();
  const intent = await db.transaction(async (tx) => {
    const row = await insertIntent(tx, {
      workspaceId: workspace.id,
      kind: "credit_grant",
      actorUserId: actor.userId,
      request: { kind: "credit_grant", customerId: customer.stripeCustomerId, amountCents: input.amountCents, reason: input.reason, grantId },
    });
    await insertCreditGrant(tx, { id: grantId, workspaceId: workspace.id, intentId: row.id, amountCents: input.amountCents, reason: input.reason, grantedBy: actor.userId });
    await recordStaffAudit(tx, actor, { action: "billing.credit_granted", target: { type: "workspace", id: workspace.id }, reason: input.reason, after: { amountCents: input.amountCents, grantId, intentId: row.id } });
    return row;
  });
  const outcome = await executeIntent(db, intent);
  return { grantId, status: outcome.status, message: outcome.status === "succeeded" ? null : outcome.message };
}
