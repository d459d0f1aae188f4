import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { NotificationPreferences, updateNotificationPreferencesInput } from "../schemas";
import { upsertPreferences } from "./preference-queries";

export async function updateNotificationPreferences(
  input: z.output<typeof updateNotificationPreferencesInput>,
  actor: { userId: string },
  db: DbOrTx,
): Promise<NotificationPreferences> {
  const patch: Partial<NotificationPreferences> = {};
  if (input.feedbackStatusEmail !== undefined) patch.feedbackStatusEmail = input.feedbackStatusEmail;
  if (input.feedbackStatusInApp !== undefined) patch.feedbackStatusInApp = input.feedbackStatusInApp;
  return upsertPreferences(db, actor.userId, patch);
}
