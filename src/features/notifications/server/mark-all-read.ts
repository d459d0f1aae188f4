import "server-only";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { userChannel } from "@/server/realtime/channels";
import { publish } from "@/server/realtime/publish";
import { NOTIFICATION_EVENTS, type markAllReadInput, type markAllReadOutput } from "../schemas";
import { setAllRead } from "./queries";

export async function markAllNotificationsRead(
  input: z.output<typeof markAllReadInput>,
  actor: { userId: string },
  db: Db,
  now = new Date(),
): Promise<z.infer<typeof markAllReadOutput>> {
  const updated = await setAllRead(db, actor.userId, now);
  if (updated > 0) {
    await publish(userChannel(actor.userId), { type: NOTIFICATION_EVENTS.read, data: { all: true }, clientMutationId: input.clientMutationId }, db);
  }
  return { updated };
}
