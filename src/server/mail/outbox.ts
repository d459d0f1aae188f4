import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { smtpEnv } from "@/server/env";
import type { Db, DbOrTx } from "@/server/db/client";
import { devMailbox, outbox } from "@/server/db/schema";
import { logger } from "@/server/logging/logger";
import type { EmailContent } from "./render";

export type EmailPayload = EmailContent & { to: string };

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

/**
 * Sends outbox emails by id: SMTP when configured, else the dev mailbox. Idempotent: a row
 * already sent is skipped, the dev mailbox is unique per outbox id, and SMTP gets the outbox
 * id as Message-ID so receivers can drop a duplicate. Failures stay in the outbox with the
 * error and are retried by the relay (async backbone).
 */
export async function deliverEmails(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.select().from(outbox).where(and(inArray(outbox.id, ids), isNull(outbox.sentAt), eq(outbox.kind, "email")));
  for (const row of rows) {
    const email = row.payload as EmailPayload;
    try {
      const transport = smtp();
      if (transport) {
        await transport.sendMail({ from: smtpEnv()!.MAIL_FROM, to: email.to, subject: email.subject, text: email.text, html: email.html, messageId: `<${row.id}@groundwork>` });
      } else {
        await db.insert(devMailbox).values({ outboxId: row.id, to: email.to, subject: email.subject, text: email.text, html: email.html }).onConflictDoNothing();
      }
      await db.update(outbox).set({ sentAt: new Date(), attempts: sql`${outbox.attempts} + 1` }).where(eq(outbox.id, row.id));
    } catch (error) {
      logger.error({ err: error, outboxId: row.id }, "email delivery failed");
      await db.update(outbox).set({ attempts: sql`${outbox.attempts} + 1`, lastError: String(error).slice(0, 500) }).where(eq(outbox.id, row.id));
    }
  }
}
