import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { countUnread } from "./queries";

/** Exact: a per-user count over the (user_id, id) index is cheap. */
export async function countUnreadNotifications(actor: { userId: string; impersonatorId?: string | null }, db: DbOrTx): Promise<{ count: number }> {
  return { count: await countUnread(db, actor.userId, Boolean(actor.impersonatorId)) };
}
