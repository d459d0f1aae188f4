import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { memberships } from "@/server/db/schema";
import { parseChannel } from "./channels";

export type Subscriber = { userId: string; staffRole: "support" | "product" | "admin" | null } | null;

/**
 * The one decision both transports ask (SSE on subscribe, Pusher at /api/pusher/auth):
 * may this person receive this channel's events? Unknown channel names are refused.
 */
export async function canSubscribe(subscriber: Subscriber, channelName: string, db: DbOrTx): Promise<boolean> {
  const channel = parseChannel(channelName);
  if (!channel || !subscriber) return false;
  switch (channel.kind) {
    case "user":
      return channel.userId === subscriber.userId;
    case "staff":
      return subscriber.staffRole !== null;
    case "workspace": {
      const [row] = await db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, channel.workspaceId), eq(memberships.userId, subscriber.userId)));
      return Boolean(row);
    }
  }
}
