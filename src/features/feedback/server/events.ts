import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { ACCESS_NARROWED_EVENT, boardChannel } from "@/server/realtime/channels";
import { publish, type RealtimeEventInput } from "@/server/realtime/publish";

/** Everything a board's open pages hear: ids and counts only, so the channel leaks no content. */
export function publishBoardEvent(db: DbOrTx, boardId: string, event: RealtimeEventInput) {
  return publish(boardChannel(boardId), event, db);
}

/** The board went private: transports make every subscriber re-authorize now (decision 013). */
export function publishAccessNarrowed(boardId: string, db: DbOrTx) {
  return publish(boardChannel(boardId), { type: ACCESS_NARROWED_EVENT, data: { boardId } }, db);
}
