import "server-only";
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { notifications } from "@/server/db/schema";

export async function collectNotifications(db: DbOrTx, userId: string) {
  return db
    .select({ type: notifications.type, title: notifications.title, body: notifications.body, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.id));
}
