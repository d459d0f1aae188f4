import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { env } from "@/server/env";
import type { EmailCategory, NotificationPreferences } from "../schemas";
import { selectOptedOut } from "./preference-queries";
import { unsubscribeToken } from "./unsubscribe-token";

/** Of `userIds`, those who still want `channel` (order kept). */
export async function whoWants<T extends { id: string }>(db: DbOrTx, recipients: T[], channel: keyof NotificationPreferences): Promise<T[]> {
  const out = await selectOptedOut(
    db,
    recipients.map((r) => r.id),
    channel,
  );
  return recipients.filter((r) => !out.has(r.id));
}

/**
 * What every non-essential email carries: a visible link to a page that confirms, and the
 * RFC 2369 / RFC 8058 headers so mail clients offer their own one-click "Unsubscribe" (a POST
 * to /api/unsubscribe with `List-Unsubscribe=One-Click`).
 */
export function unsubscribeParts(userId: string, category: EmailCategory): { unsubscribeUrl: string; headers: Record<string, string> } {
  const token = unsubscribeToken(userId, category);
  const oneClick = new URL(`/api/unsubscribe?token=${token}`, env.APP_URL).toString();
  return {
    unsubscribeUrl: new URL(`/unsubscribe?token=${token}`, env.APP_URL).toString(),
    headers: { "List-Unsubscribe": `<${oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}
