import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Enrollment } from "../../two-factor-schemas";
import type { SessionActor } from "../session-actor";
import { selectTwoFactorUser } from "./queries";
import { describeTotpKey, generateTotpKey, sealEnrollmentToken } from "./totp";

/** A fresh key to scan; nothing is stored until the person proves their app has it. */
export async function beginEnrollment(actor: Pick<SessionActor, "userId">, db: DbOrTx, now = new Date()): Promise<Enrollment> {
  const user = await selectTwoFactorUser(db, actor.userId);
  if (!user) throw new AppError("NOT_FOUND", { userMessage: "This account no longer exists." });
  if (user.totpKeyEncrypted) {
    throw new AppError("CONFLICT", { userMessage: "Two-factor authentication is already on. Turn it off first to set up a new app." });
  }
  const key = generateTotpKey();
  return { ...describeTotpKey(key, user.email), enrollmentToken: sealEnrollmentToken(key, user.id, now) };
}
