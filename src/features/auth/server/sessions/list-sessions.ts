import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { SessionSummary } from "../../sessions-schemas";
import type { SessionActor } from "../session-actor";
import { describeDevice } from "./describe-device";
import { publicSessionId, selectActiveSessions } from "./queries";

/** The viewer's live sessions, the one in use first, then most recently seen. */
export async function listSessions(actor: Pick<SessionActor, "userId" | "sessionId">, db: DbOrTx, now = new Date()): Promise<SessionSummary[]> {
  const rows = await selectActiveSessions(db, actor.userId, now);
  return rows
    .map((row) => ({
      id: publicSessionId(row.id),
      device: describeDevice(row.userAgent),
      ip: row.ip,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      current: row.id === actor.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}
