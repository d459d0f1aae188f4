import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { billingCreditGrants } from "@/server/db/schema";

export async function insertCreditGrant(db: DbOrTx, values: typeof billingCreditGrants.$inferInsert) {
  const [row] = await db.insert(billingCreditGrants).values(values).returning();
  return row!;
}

export async function recordCreditGrantResult(db: DbOrTx, grantId: string, balanceTransactionId: string) {
  await db.update(billingCreditGrants).set({ stripeBalanceTransactionId: balanceTransactionId }).where(eq(billingCreditGrants.id, grantId));
}

export async function selectCreditGrants(db: DbOrTx, workspaceId: string) {
  return db.select().from(billingCreditGrants).where(eq(billingCreditGrants.workspaceId, workspaceId)).orderBy(desc(billingCreditGrants.id)).limit(50);
}
