import "server-only";
import type { Db } from "@/server/db/client";
import { userChannel } from "@/server/realtime/channels";
import { publish } from "@/server/realtime/publish";
import { NOTIFICATION_EVENTS, newNotification, type NewNotification, type Notification } from "../schemas";
import { insertNotification } from "./queries";

/**
 * Tells `userId` something in the app: stores the notification and publishes
 * `notification.created` on their channel. Takes the pool, not a transaction: callers call it
 * after their own transaction commits, so a rolled-back change never notifies anyone.
 */
export async function notify(userId: string, input: NewNotification, db: Db): Promise<Notification> {
  const values = newNotification.parse(input);
  const row = await insertNotification(db, { userId, ...values });
  // Ids only: the bell refetches, so the event carries no content beyond what the list shows.
  await publish(userChannel(userId), { type: NOTIFICATION_EVENTS.created, data: { id: row.id } }, db);
  return row;
}
