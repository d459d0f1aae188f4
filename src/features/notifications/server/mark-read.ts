import "server-only";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { userChannel } from "@/server/realtime/channels";
import { publish } from "@/server/realtime/publish";
import { NOTIFICATION_EVENTS, type markReadInput, type markReadOutput } from "../schemas";
import { setRead } from "./queries";

/** Marks one of the viewer's notifications read; someone else's id is NOT_FOUND (and untouched). */
export async function markNotificationRead(
  input: z.output<typeof markReadInput>,
  actor: { userId: string },
  db: Db,
  now = new Date(),
): Promise<z.infer<typeof markReadOutput>> {
  const row = await setRead(db, actor.userId, input.id, now);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "That notification doesn't exist." });
  // The viewer's other tabs update their badge; this tab skips the echo.
  await publish(userChannel(actor.userId), { type: NOTIFICATION_EVENTS.read, data: { ids: [row.id] }, clientMutationId: input.clientMutationId }, db);
  return row;
}
