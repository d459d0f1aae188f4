import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { SecurityEvent, SecurityLogInput } from "../schemas";
import { selectSecurityEventsPage } from "./queries";
import { describeDevice } from "./sessions/describe-device";

/** The viewer's own account history, newest first, one keyset page at a time. */
export async function listSecurityEvents(
  input: SecurityLogInput,
  actor: { userId: string },
  db: DbOrTx,
): Promise<{ items: SecurityEvent[]; nextCursor: string | null }> {
  const rows = await selectSecurityEventsPage(db, actor.userId, input);
  const items = rows.slice(0, input.limit).map((row) => ({ ...row, device: describeDevice(row.userAgent) }));
  return { items, nextCursor: rows.length > input.limit ? items.at(-1)!.id : null };
}
