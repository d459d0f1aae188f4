import "server-only";
import type { z } from "zod";
import { recordSecurityEvent } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { endLiveConnections } from "@/server/realtime/end-connections";
import type { revokeSessionInput, revokeSessionOutput } from "../../sessions-schemas";
import type { SessionActor } from "../session-actor";
import { describeDevice } from "./describe-device";
import { deleteUserSessionByPublicId } from "./queries";

/** Signs one of the viewer's sessions out; `signedOut` says it was the one making this request. */
export async function revokeSession(
  input: z.output<typeof revokeSessionInput>,
  actor: SessionActor,
  db: DbOrTx,
): Promise<z.infer<typeof revokeSessionOutput>> {
  const result = await db.transaction(async (tx) => {
    const revoked = await deleteUserSessionByPublicId(tx, actor.userId, input.id);
    if (!revoked) {
      throw new AppError("NOT_FOUND", { userMessage: "That session doesn't exist any more; it may have been signed out already." });
    }
    const where = revoked.ip ? ` (${revoked.ip})` : "";
    await recordSecurityEvent(tx, {
      userId: actor.userId,
      type: "session_revoked",
      details: `Signed out ${describeDevice(revoked.userAgent)}${where}`,
      ip: actor.ip,
      userAgent: actor.userAgent,
    });
    return { signedOut: revoked.id === actor.sessionId, sessionId: revoked.id };
  });
  await endLiveConnections({ userId: actor.userId, sessionId: result.sessionId }, db);
  return { signedOut: result.signedOut };
}
