import "server-only";
import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { BillingIntentKind } from "@/server/db/schema";
import { executeIntent, type IntentOutcome } from "./execute-intent";
import { insertIntent, type IntentRow } from "./intent-queries";
import type { IntentRequest } from "./intent-request";

const UNIQUE_VIOLATION = "23505";

export const GATEWAY_DOWN_MESSAGE =
  "The payment provider isn't answering right now. Nothing has been charged and nothing changed yet; we'll keep retrying this change for you, and this page updates when it goes through.";

/**
 * Commits the intent row first (its id is the Idempotency-Key), then makes the call. A crash
 * after the commit leaves a pending row the reconciler finishes; a crash before it leaves nothing.
 * A decline is the gateway's own message; an unreachable gateway keeps the intent for retry.
 */
export async function runIntent(db: Db, values: { workspaceId: string; kind: BillingIntentKind; request: IntentRequest; actorUserId: string | null }): Promise<{ intent: IntentRow; outcome: IntentOutcome }> {
  let intent: IntentRow;
  try {
    intent = await insertIntent(db, values);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", { userMessage: "A change to this subscription is still being applied. Wait a moment for it to finish, then try again." });
    }
    throw error;
  }
  return { intent, outcome: await executeIntent(db, intent) };
}

/** For operations whose caller needs the gateway's answer now: a final refusal is the user's message. */
export function requireSucceeded(outcome: IntentOutcome): Record<string, unknown> {
  if (outcome.status === "succeeded") return outcome.result;
  if (outcome.status === "pending") throw new AppError("SERVICE_UNAVAILABLE", { userMessage: GATEWAY_DOWN_MESSAGE });
  throw new AppError("PAYMENT_REQUIRED", { userMessage: outcome.message });
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}
