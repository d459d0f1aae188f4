import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { listNotificationsInput, listNotificationsOutput } from "../schemas";
import { selectNotificationsPage } from "./queries";

export async function listNotifications(
  input: z.output<typeof listNotificationsInput>,
  actor: { userId: string; impersonatorId?: string | null },
  db: DbOrTx,
): Promise<z.infer<typeof listNotificationsOutput>> {
  const rows = await selectNotificationsPage(db, actor.userId, { ...input, impersonated: Boolean(actor.impersonatorId) });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
}
