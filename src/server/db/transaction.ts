import "server-only";
import type { Db, Tx } from "./client";
import { relayOutbox } from "@/server/outbox/relay";
import { enqueueEmail, type EmailPayload } from "@/server/mail/outbox";

export type Effects = { email: (email: EmailPayload) => Promise<void> };

/**
 * Runs `fn` in a transaction; side effects it records go to the outbox in that same
 * transaction and are relayed only after commit (a rollback sends nothing): as Inngest events
 * when Inngest is configured, else delivered inline (see `relayOutbox`).
 */
export async function transactionWithEffects<T>(db: Db, fn: (tx: Tx, effects: Effects) => Promise<T>): Promise<T> {
  const emails: string[] = [];
  const result = await db.transaction((tx) => fn(tx, { email: async (email) => void emails.push(await enqueueEmail(tx, email)) }));
  await relayOutbox(db, emails);
  return result;
}
