import "server-only";
import type { Db } from "@/server/db/client";
import { deliverEmails } from "@/server/mail/outbox";

/**
 * One outbox email, for the `deliver-email` job: throws when sending failed so the job
 * retries it; an email already sent (a duplicate run, a replay) is a no-op.
 */
export async function deliverOutboxEmail(db: Db, outboxId: string): Promise<{ status: "sent" | "already-sent" }> {
  const result = await deliverEmails(db, [outboxId]);
  const failure = result.failed[0];
  if (failure) throw new Error(`email ${outboxId} not delivered: ${failure.error}`);
  return { status: result.delivered.length > 0 ? "sent" : "already-sent" };
}
