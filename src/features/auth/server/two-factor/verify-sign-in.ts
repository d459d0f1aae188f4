import "server-only";
import type { z } from "zod";
import { recordSecurityEvent, type RequestMeta } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { safeRedirectPath } from "../../schemas";
import type { verifySignInInput, verifySignInOutput } from "../../two-factor-schemas";
import type { SessionActor } from "../session-actor";
import { clearSecondFactorAttempts, takeSecondFactorAttempt } from "./attempts";
import { checkSecondFactor, notEnabled, wrongSecondFactor } from "./check-second-factor";
import { markSessionTwoFactorVerified, selectTwoFactorUser } from "./queries";

/** The second step of sign-in: the session the password opened becomes a full session. */
export async function verifySignIn(
  input: z.output<typeof verifySignInInput>,
  actor: SessionActor,
  db: DbOrTx,
  now = new Date(),
): Promise<z.infer<typeof verifySignInOutput>> {
  const user = await selectTwoFactorUser(db, actor.userId);
  if (!user?.totpKeyEncrypted) throw notEnabled();
  await takeSecondFactorAttempt(db, actor.userId, now);
  const key = user.totpKeyEncrypted;
  const meta: RequestMeta = { ip: actor.ip, userAgent: actor.userAgent };
  const check = await db.transaction(async (tx) => {
    const result = await checkSecondFactor(tx, { id: user.id, totpKeyEncrypted: key }, input.code, now);
    if (!result.ok) return result;
    await markSessionTwoFactorVerified(tx, actor.sessionId);
    const method = result.method === "totp" ? "authenticator app" : "recovery code";
    await recordSecurityEvent(tx, { userId: user.id, type: "sign_in", details: `Second factor: ${method}`, ...meta });
    if (result.method === "recovery_code") {
      const left = result.recoveryCodesRemaining;
      await recordSecurityEvent(tx, { userId: user.id, type: "recovery_code_used", details: `${left} recovery code${left === 1 ? "" : "s"} left`, ...meta });
    }
    return result;
  });
  if (!check.ok) {
    await recordSecurityEvent(db, { userId: user.id, type: "sign_in_failed", details: check.reason === "replayed" ? "Reused two-factor code" : "Wrong two-factor code", ...meta });
    throw wrongSecondFactor(check.reason);
  }
  await clearSecondFactorAttempts(db, actor.userId);
  return { redirectTo: safeRedirectPath(input.next) ?? "/app" };
}
