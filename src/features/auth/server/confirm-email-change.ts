import "server-only";
import { recordSecurityEvent, type RequestMeta } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import type { TokenFailure, TokenInput } from "../schemas";
import { emailChangedNotice } from "./emails";
import { consumeAuthToken, emailIsTaken, retireAuthTokens, selectAccountById, updateEmail } from "./queries";

export type ConfirmEmailChangeResult =
  | { kind: "changed"; email: string }
  | { kind: "email_taken"; email: string }
  | { kind: "invalid_token"; reason: TokenFailure };

const UNIQUE_VIOLATION = "23505";

/** Works signed out too: the link proves the new inbox, the token names the account. */
export async function confirmEmailChange(input: TokenInput, actor: RequestMeta, db: Db, now = new Date()): Promise<ConfirmEmailChangeResult> {
  try {
    return await transactionWithEffects(db, async (tx, effects): Promise<ConfirmEmailChangeResult> => {
      const consumed = await consumeAuthToken(tx, input.token, "change_email", now);
      if (consumed.kind === "failed") return { kind: "invalid_token", reason: consumed.reason };
      const account = await selectAccountById(tx, consumed.userId);
      if (!account) return { kind: "invalid_token", reason: "invalid" };
      if (account.email === consumed.email) return { kind: "changed", email: account.email };
      if (await emailIsTaken(tx, consumed.email)) return { kind: "email_taken", email: consumed.email };

      await updateEmail(tx, account.id, consumed.email, now);
      // Links sent to the old address (verification, reset) must not act on the account any more.
      await retireAuthTokens(tx, account.id, ["verify_email", "reset_password"], now);
      await recordSecurityEvent(tx, { userId: account.id, type: "email_changed", ...actor, details: `From ${account.email} to ${consumed.email}` });
      await effects.email({ to: account.email, ...emailChangedNotice({ displayName: account.displayName, newEmail: consumed.email }) });
      return { kind: "changed", email: consumed.email };
    });
  } catch (error) {
    // Another account took the address between the check and the update.
    if (isUniqueViolation(error)) {
      const consumed = await consumeAuthToken(db, input.token, "change_email", now);
      return consumed.kind === "ok" ? { kind: "email_taken", email: consumed.email } : { kind: "invalid_token", reason: consumed.reason };
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error || (e && typeof e === "object"); e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
    if (!(e as { cause?: unknown }).cause) break;
  }
  return false;
}
