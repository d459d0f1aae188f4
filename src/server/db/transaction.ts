import "server-only";
import type { Db, Tx } from "./client";
import { trackCommit } from "./after-commit";
import { relayOutbox } from "@/server/outbox/relay";
import { enqueueEmail, type EmailPayload } from "@/server/mail/outbox";

export type Effects = { email: (email: EmailPayload) => Promise<void> };

/**
 * Runs `fn` in a transaction; side effects it records go to the outbox in that same
 * transaction and are relayed only after commit (a rollback sends nothing): as Inngest events
 * when Inngest is configured, else delivered inline (see `relayOutbox`). Work registered with
 * `afterCommit(tx, …)` inside — `publish()` handing events to Pusher, for one — runs after
 * commit too.
 */
export async function transactionWithEffects<T>(db: Db, fn: (tx: Tx, effects: Effects) => Promise<T>): Promise<T> {
  const emails: string[] = [];
  let commit: ReturnType<typeof trackCommit> | null = null;
  const result = await db.transaction(async (tx) => {
    commit = trackCommit(tx);
    try {
      return await fn(tx, { email: async (email) => void emails.push(await enqueueEmail(tx, email)) });
    } finally {
      commit.release();
    }
  });
  await relayOutbox(db, emails);
  await (commit as ReturnType<typeof trackCommit> | null)?.commit();
  return result;
}
