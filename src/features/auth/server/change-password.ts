import "server-only";
import { recordSecurityEvent, type RequestMeta } from "@/server/audit";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { invalidateUserSessions } from "@/server/auth/session";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { endLiveConnections } from "@/server/realtime/end-connections";
import type { ChangePasswordInput } from "../schemas";
import { passwordChangedNotice } from "./emails";
import { assertAcceptablePassword, limitPasswordChecks } from "./policy";
import { selectAccountById, updatePasswordHash } from "./queries";

export type UserActor = RequestMeta & { userId: string; sessionId: string };

/** Keeps the session in use; every other device has to sign in with the new password. */
export async function changePassword(input: ChangePasswordInput, actor: UserActor, db: Db): Promise<{ kind: "changed"; otherSessionsSignedOut: number }> {
  const account = await selectAccountById(db, actor.userId);
  if (!account) throw new AppError("UNAUTHORIZED", { userMessage: "Sign in to continue." });
  await limitPasswordChecks(db, account.id);
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
    const message = "Current password is incorrect";
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { currentPassword: [message] } });
  }
  assertAcceptablePassword(input.newPassword, { field: "newPassword", label: "New password", email: account.email });
  const passwordHash = await hashPassword(input.newPassword);
  return transactionWithEffects(db, async (tx, effects) => {
    await updatePasswordHash(tx, account.id, passwordHash);
    const otherSessionsSignedOut = await invalidateUserSessions(tx, account.id, { except: actor.sessionId });
    await endLiveConnections({ userId: account.id, exceptSessionId: actor.sessionId }, tx);
    await recordSecurityEvent(tx, {
      userId: account.id,
      type: "password_changed",
      ip: actor.ip,
      userAgent: actor.userAgent,
      details: `${otherSessionsSignedOut} other session${otherSessionsSignedOut === 1 ? "" : "s"} signed out`,
    });
    await effects.email({ to: account.email, ...passwordChangedNotice({ displayName: account.displayName, how: "changed" }) });
    return { kind: "changed", otherSessionsSignedOut };
  });
}
