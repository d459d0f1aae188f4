import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { NotificationPreferences } from "../schemas";
import { selectPreferences } from "./preference-queries";

export async function getNotificationPreferences(actor: { userId: string }, db: DbOrTx): Promise<NotificationPreferences> {
  return selectPreferences(db, actor.userId);
}
