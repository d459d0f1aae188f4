import "server-only";
import { afterCommit } from "@/server/db/after-commit";
import type { DbOrTx } from "@/server/db/client";
import { ACCESS_NARROWED_EVENT, boardChannel } from "@/server/realtime/channels";
import { publish, type RealtimeEventInput } from "@/server/realtime/publish";
import { dropBoardPages } from "./post-list-cache";

/**
 * Everything a board's open pages hear: ids and counts only, so the channel leaks no content.
 * Every write to a board publishes one, so this process's cached post lists of the board go too,
 * at commit (other processes hear the triggers' NOTIFY).
 */
export async function publishBoardEvent(db: DbOrTx, boardId: string, event: RealtimeEventInput) {
  const stored = await publish(boardChannel(boardId), event, db);
  await afterCommit(db, () => dropBoardPages(boardId));
  return stored;
}

/** The board went private: transports make every subscriber re-authorize now (decision 013). */
export function publishAccessNarrowed(boardId: string, db: DbOrTx) {
  return publishBoardEvent(db, boardId, { type: ACCESS_NARROWED_EVENT, data: { boardId } });
}
