import "server-only";
import type { Db, Tx } from "./client";
import { deliverEmails, enqueueEmail, type EmailPayload } from "@/server/mail/outbox";

export type Effects = { email: (email: EmailPayload) => Promise<void> };

/**
 * Runs `fn` in a transaction; side effects it records go to the outbox in that same
 * transaction and are delivered only after commit (a rollback sends nothing).
 */
export async function transactionWithEffects<T>(db: Db, fn: (tx: Tx, effects: Effects) => Promise<T>): Promise<T> {
  const emails: string[] = [];
  const result = await db.transaction((tx) => fn(tx, { email: async (email) => void emails.push(await enqueueEmail(tx, email)) }));
  await deliverEmails(db, emails);
  return result;
}
