import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import type { RecoveryCodes, regenerateRecoveryCodesInput } from "../../two-factor-schemas";
import type { SessionActor } from "../session-actor";
import { clearSecondFactorAttempts, takeSecondFactorAttempt } from "./attempts";
import { checkSecondFactor, notEnabled, wrongSecondFactor } from "./check-second-factor";
import { replaceRecoveryCodes, selectTwoFactorUser } from "./queries";
import { generateRecoveryCodes } from "./recovery-codes";

/** Replaces every recovery code (used or not); the new ones are returned this once only. */
export async function regenerateRecoveryCodes(
  input: z.output<typeof regenerateRecoveryCodesInput>,
  actor: SessionActor,
  db: DbOrTx,
  now = new Date(),
): Promise<RecoveryCodes> {
  const user = await selectTwoFactorUser(db, actor.userId);
  if (!user?.totpKeyEncrypted) throw notEnabled();
  await takeSecondFactorAttempt(db, actor.userId, now);
  const key = user.totpKeyEncrypted;
  const codes = generateRecoveryCodes();
  const check = await db.transaction(async (tx) => {
    const result = await checkSecondFactor(tx, { id: user.id, totpKeyEncrypted: key }, input.code, now);
    if (!result.ok) return result;
    await replaceRecoveryCodes(tx, actor.userId, codes.hashes);
    return result;
  });
  if (!check.ok) throw wrongSecondFactor(check.reason);
  await clearSecondFactorAttempts(db, actor.userId);
  return { recoveryCodes: codes.plain };
}
