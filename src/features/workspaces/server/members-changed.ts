import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { workspaceChannel } from "@/server/realtime/channels";
import { publish } from "@/server/realtime/publish";

/**
 * Tells open members pages to refetch. Called after the change commits; the change stands
 * even if the event can't be published (pages also refetch on focus and reconnect).
 */
export async function publishMembersChanged(workspaceId: string, db: DbOrTx): Promise<void> {
  try {
    await publish(workspaceChannel(workspaceId), { type: "members.changed", data: { workspaceId } }, db);
  } catch (error) {
    logger.error({ err: error, workspaceId }, "could not publish members.changed");
  }
}
