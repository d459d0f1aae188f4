import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { userChannel } from "@/server/realtime/channels";
import { publish } from "@/server/realtime/publish";
import { EXPORT_PROGRESS_EVENT, type ExportProgressEvent } from "../schemas";
import { failStaleExports as failStaleRows } from "./queries";

/**
 * A build reports progress after every step (a few hundred milliseconds apart); a minute of
 * silence means its process died. A queued export waits for a job server, which may be busy:
 * it gets five minutes to start.
 */
export const STALE_RUNNING_SECONDS = 60;
export const STALE_QUEUED_SECONDS = 5 * 60;
export const INTERRUPTED_MESSAGE = "The export was interrupted (the server restarted while preparing it). Request a new one; nothing was lost.";

/**
 * Fails in-flight exports whose runner is gone and tells their owners' open pages. Run by the
 * request path for the requesting user (so a crash never blocks them for long) and by the
 * every-minute cron for everyone: the backstop when the job's own failure handler never ran
 * (Inngest retries a failure handler once; if the app was down both times, only this notices).
 */
export async function failStaleExports(db: DbOrTx, now = new Date(), userId?: string): Promise<{ failed: number }> {
  const rows = await failStaleRows(db, {
    userId,
    runningBefore: new Date(now.getTime() - STALE_RUNNING_SECONDS * 1000),
    queuedBefore: new Date(now.getTime() - STALE_QUEUED_SECONDS * 1000),
    message: INTERRUPTED_MESSAGE,
  });
  for (const row of rows) {
    const data: ExportProgressEvent = { id: row.id, status: "failed", progress: row.progress, step: null };
    await publish(userChannel(row.userId), { type: EXPORT_PROGRESS_EVENT, data }, db);
  }
  return { failed: rows.length };
}
