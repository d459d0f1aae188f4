import "server-only";
import { recordSecurityEvent, type RequestMeta } from "@/server/audit";
import type { Db } from "@/server/db/client";
import type { TokenFailure, TokenInput } from "../schemas";
import { consumeAuthToken, markEmailVerified, selectAccountById } from "./queries";

export type VerifyEmailResult = { kind: "verified"; email: string } | { kind: "invalid_token"; reason: TokenFailure };

export async function verifyEmail(input: TokenInput, actor: RequestMeta, db: Db, now = new Date()): Promise<VerifyEmailResult> {
  return db.transaction(async (tx) => {
    const consumed = await consumeAuthToken(tx, input.token, "verify_email", now);
    if (consumed.kind === "failed") return { kind: "invalid_token", reason: consumed.reason };
    const account = await selectAccountById(tx, consumed.userId);
    // The address changed since the link was sent: it proves nothing about the current one.
    if (!account || account.email !== consumed.email) return { kind: "invalid_token", reason: "invalid" };
    if (await markEmailVerified(tx, account.id, account.email, now)) {
      await recordSecurityEvent(tx, { userId: account.id, type: "email_verified", ...actor, details: account.email });
    }
    return { kind: "verified", email: account.email };
  });
}
