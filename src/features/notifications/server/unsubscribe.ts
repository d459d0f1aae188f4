import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { EMAIL_CATEGORY_LABELS, type EmailCategory, type NotificationPreferences, type unsubscribeInput, type unsubscribeOutput } from "../schemas";
import { upsertPreferences, userExists } from "./preference-queries";
import { readUnsubscribeToken } from "./unsubscribe-token";

const EMAIL_SWITCH: Record<EmailCategory, keyof NotificationPreferences> = { feedback_status: "feedbackStatusEmail" };

/**
 * Turns one kind of email off for the person the signed token names. No session needed: the
 * link works from any mail client, and a repeat is harmless (the switch is already off).
 */
export async function unsubscribe(input: z.output<typeof unsubscribeInput>, db: DbOrTx): Promise<z.infer<typeof unsubscribeOutput>> {
  const target = readUnsubscribeToken(input.token);
  if (!target) {
    const message = "This unsubscribe link isn't valid. Copy the whole link from the email, or change your emails at Account → Notifications.";
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { token: [message] } });
  }
  // An account deleted since the email was sent has nothing left to send to: done all the same.
  if (await userExists(db, target.userId)) await upsertPreferences(db, target.userId, { [EMAIL_SWITCH[target.category]]: false });
  return { category: target.category, stopped: EMAIL_CATEGORY_LABELS[target.category] };
}

