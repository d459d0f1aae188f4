import { sessionCookieName } from "@/server/auth/cookies";
import { createSession } from "@/server/auth/session";
import { db } from "@/server/db/client";

/** Headers of a browser signed in as `userId` (a real session row, a real cookie). */
export async function signedInHeaders(userId: string, opts: { twoFactorVerified?: boolean } = {}): Promise<Record<string, string>> {
  const { token } = await createSession(db, { userId, ip: "127.0.0.1", userAgent: "vitest", twoFactorVerified: opts.twoFactorVerified ?? false });
  return { cookie: `${sessionCookieName()}=${token}` };
}
