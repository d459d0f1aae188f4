import "server-only";
import { createHmac } from "node:crypto";
import { idSchema } from "@/lib/ids";
import { timingSafeEqualStrings } from "@/server/auth/tokens";
import { appSecret } from "@/server/env";
import { EMAIL_CATEGORIES, type EmailCategory } from "../schemas";

/** Per client IP (or user), for the page's button and the one-click endpoint alike. */
export const UNSUBSCRIBE_RATE_LIMIT = { name: "unsubscribe", limit: 30, windowSeconds: 60 };

/**
 * An unsubscribe link's token: the user and the kind of email, with a MAC. It needs no row and
 * never expires (a link in an old email must still work, RFC 8058); it can only turn one kind
 * of email off for one person, so it is safe to hand to a mail provider's one-click POST.
 */
export function unsubscribeToken(userId: string, category: EmailCategory): string {
  const payload = Buffer.from(`${userId}.${category}`).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

export function readUnsubscribeToken(token: string): { userId: string; category: EmailCategory } | null {
  const [payload, tag, ...rest] = token.split(".");
  if (!payload || !tag || rest.length > 0 || !timingSafeEqualStrings(tag, mac(payload))) return null;
  const [userId, category] = Buffer.from(payload, "base64url").toString("utf8").split(".");
  if (!idSchema.safeParse(userId).success || !EMAIL_CATEGORIES.includes(category as EmailCategory)) return null;
  return { userId: userId!, category: category as EmailCategory };
}

function mac(payload: string): string {
  return createHmac("sha256", appSecret()).update(`unsubscribe\n${payload}`).digest("base64url").slice(0, 32);
}

