import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { smtpEnv } from "@/server/env";
import type { Db, DbOrTx } from "@/server/db/client";
import { devMailbox, outbox } from "@/server/db/schema";
import { logger } from "@/server/logging/logger";
import type { EmailContent } from "./render";

/** `headers`: extra headers such as List-Unsubscribe, sent as given. */
export type EmailPayload = EmailContent & { to: string; headers?: Record<string, string> };

/** Writes an email to the outbox inside the caller's transaction; send it after commit. */
export async function enqueueEmail(tx: DbOrTx, email: EmailPayload): Promise<string> {
  const [row] = await tx.insert(outbox).values({ kind: "email", payload: email }).returning({ id: outbox.id });
  return row!.id;
}

let transporter: Transporter | null = null;
function smtp(): Transporter | null {
  const config = smtpEnv();
  if (!config) return null;
  transporter ??= nodemailer.createTransport(config.SMTP_URL);
  return transporter;
}

export type DeliveryResult = { delivered: string[]; failed: { id: string; error: string }[] };

/**
 * Sends outbox emails by id: SMTP when configured, else the dev mailbox. Idempotent: a row
 * already sent is skipped, the dev mailbox is unique per outbox id, and SMTP gets the outbox
 * id as Message-ID so receivers can drop a duplicate. A failure is recorded on the row
 * (attempts, last_error) and returned, never thrown: the `deliver-email` job turns it into a
 * retry; inline delivery (no Inngest) leaves it for staff to see.
 */
export async function deliverEmails(db: Db, ids: string[]): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: [], failed: [] };
  if (ids.length === 0) return result;
  const rows = await db.select().from(outbox).where(and(inArray(outbox.id, ids), isNull(outbox.sentAt), eq(outbox.kind, "email")));
  for (const row of rows) {
    const email = row.payload as EmailPayload;
    try {
      const transport = smtp();
      if (transport) {
        await transport.sendMail({ from: smtpEnv()!.MAIL_FROM, to: email.to, subject: email.subject, text: email.text, html: email.html, headers: email.headers, messageId: `<${row.id}@groundwork>` });
      } else {
        await db.insert(devMailbox).values({ outboxId: row.id, to: email.to, subject: email.subject, text: email.text, html: email.html, headers: email.headers ?? {} }).onConflictDoNothing();
      }
      await db.update(outbox).set({ sentAt: new Date(), attempts: sql`${outbox.attempts} + 1`, deadLetteredAt: null }).where(eq(outbox.id, row.id));
      result.delivered.push(row.id);
    } catch (error) {
      logger.error({ err: error, outboxId: row.id }, "email delivery failed");
      const message = String(error).slice(0, 500);
      await db.update(outbox).set({ attempts: sql`${outbox.attempts} + 1`, lastError: message }).where(eq(outbox.id, row.id));
      result.failed.push({ id: row.id, error: message });
    }
  }
  return result;
}

/** Delivery gave up (the job's retries are spent): the row is kept for staff to replay. */
export async function markEmailDeadLettered(db: DbOrTx, outboxId: string, error: string, now = new Date()): Promise<void> {
  await db
    .update(outbox)
    .set({ deadLetteredAt: now, lastError: error.slice(0, 500) })
    .where(and(eq(outbox.id, outboxId), isNull(outbox.sentAt)));
}
