import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { feedbackBoards, memberships, workspaces } from "@/server/db/schema";
import { parseChannel } from "./channels";

/** `impersonated`: staff seeing the app as this user; workspaces that turned support access off refuse them. */
export type Subscriber = { userId: string; staffRole: "support" | "product" | "admin" | null; impersonated?: boolean } | null;

/**
 * The one decision both transports ask (SSE on subscribe, Pusher at /api/pusher/auth):
 * may this person receive this channel's events? Unknown channel names are refused. Signed-out
 * visitors (`null`) get a public board's channel and nothing else.
 */
export async function canSubscribe(subscriber: Subscriber, channelName: string, db: DbOrTx): Promise<boolean> {
  const channel = parseChannel(channelName);
  if (!channel) return false;
  if (channel.kind === "board") return canSubscribeToBoard(subscriber, channel.boardId, db);
  if (channel.kind === "flags") return true;
  if (!subscriber) return false;
  switch (channel.kind) {
    case "user":
      return channel.userId === subscriber.userId;
    case "staff":
      return subscriber.staffRole !== null;
    case "workspace": {
      const [row] = await db
        .select({ allowSupportAccess: workspaces.allowSupportAccess })
        .from(memberships)
        .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
        .where(and(eq(memberships.workspaceId, channel.workspaceId), eq(memberships.userId, subscriber.userId)));
      return Boolean(row) && (!subscriber.impersonated || row!.allowSupportAccess);
    }
  }
}

/** Public board: anyone (but not impersonating staff where support access is off). Private board: members of its workspace. Unknown board: no one. */
async function canSubscribeToBoard(subscriber: Subscriber, boardId: string, db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ visibility: feedbackBoards.visibility, member: memberships.userId, allowSupportAccess: workspaces.allowSupportAccess })
    .from(feedbackBoards)
    .innerJoin(workspaces, eq(workspaces.id, feedbackBoards.workspaceId))
    .leftJoin(memberships, and(eq(memberships.workspaceId, feedbackBoards.workspaceId), eq(memberships.userId, subscriber?.userId ?? "00000000-0000-0000-0000-000000000000")))
    .where(eq(feedbackBoards.id, boardId));
  if (!row) return false;
  if (subscriber?.impersonated && !row.allowSupportAccess) return false;
  return row.visibility === "public" || row.member !== null;
}

/** True when every channel in the list is one a signed-out visitor could be allowed on. */
export const mayBeAnonymous = (channelNames: readonly string[]) =>
  channelNames.length > 0 && channelNames.every((c) => ["board", "flags"].includes(parseChannel(c)?.kind ?? ""));
