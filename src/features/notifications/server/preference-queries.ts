import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { notificationPreferences, users } from "@/server/db/schema";
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from "../schemas";

const columns = { feedbackStatusEmail: notificationPreferences.feedbackStatusEmail, feedbackStatusInApp: notificationPreferences.feedbackStatusInApp };

export async function selectPreferences(db: DbOrTx, userId: string): Promise<NotificationPreferences> {
  const [row] = await db.select(columns).from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return row ?? DEFAULT_NOTIFICATION_PREFERENCES;
}

/** Writes the changed switches; a person with no row starts from the defaults. */
export async function upsertPreferences(db: DbOrTx, userId: string, patch: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
  const [row] = await db
    .insert(notificationPreferences)
    .values({ userId, ...DEFAULT_NOTIFICATION_PREFERENCES, ...patch })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { ...patch, updatedAt: new Date() } })
    .returning(columns);
  return row!;
}

/** Of `userIds`, those who turned `channel` off (one query; no row means on). */
export async function selectOptedOut(db: DbOrTx, userIds: string[], channel: keyof NotificationPreferences): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: notificationPreferences.userId })
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.userId, userIds), eq(notificationPreferences[channel], false)));
  return new Set(rows.map((r) => r.userId));
}

export async function userExists(db: DbOrTx, userId: string): Promise<boolean> {
  return (await db.select({ id: users.id }).from(users).where(eq(users.id, userId))).length > 0;
}
