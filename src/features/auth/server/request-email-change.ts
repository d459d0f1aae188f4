import "server-only";
import { recordSecurityEvent } from "@/server/audit";
import { verifyPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import type { RequestEmailChangeInput } from "../schemas";
import type { UserActor } from "./change-password";
import { confirmEmailChangeMessage, emailChangeRequestedNotice } from "./emails";
import { CHANGE_EMAIL_TTL_MS, limitPasswordChecks } from "./policy";
import { emailIsTaken, insertAuthToken, retireAuthTokens, selectAccountById } from "./queries";

const fieldError = (field: string, message: string) => new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { [field]: [message] } });

/** Nothing changes yet: the new address gets a link, the old one a heads-up. */
export async function requestEmailChange(input: RequestEmailChangeInput, actor: UserActor, db: Db, now = new Date()): Promise<{ kind: "sent"; newEmail: string }> {
  const account = await selectAccountById(db, actor.userId);
  if (!account) throw new AppError("UNAUTHORIZED", { userMessage: "Sign in to continue." });
  await limitPasswordChecks(db, account.id);
  if (!(await verifyPassword(account.passwordHash, input.password))) throw fieldError("password", "Password is incorrect");
  if (input.newEmail === account.email) throw fieldError("newEmail", "That's already your email address");
  if (await emailIsTaken(db, input.newEmail)) throw fieldError("newEmail", "Another account already uses this email address");

  return transactionWithEffects(db, async (tx, effects) => {
    // Only the latest request counts; an older link to another address stops working.
    await retireAuthTokens(tx, account.id, ["change_email"], now);
    const token = await insertAuthToken(tx, { userId: account.id, purpose: "change_email", email: input.newEmail, ttlMs: CHANGE_EMAIL_TTL_MS, now });
    await recordSecurityEvent(tx, { userId: account.id, type: "email_change_requested", ip: actor.ip, userAgent: actor.userAgent, details: `New address: ${input.newEmail}` });
    await effects.email({ to: input.newEmail, ...confirmEmailChangeMessage({ displayName: account.displayName, token, newEmail: input.newEmail }) });
    await effects.email({ to: account.email, ...emailChangeRequestedNotice({ displayName: account.displayName, newEmail: input.newEmail }) });
    return { kind: "sent", newEmail: input.newEmail };
  });
}
