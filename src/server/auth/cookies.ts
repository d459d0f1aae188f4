import "server-only";
import { env } from "@/server/env";

const secure = () => env.NODE_ENV === "production" && env.APP_URL.startsWith("https:");
/** `__Host-` pins the cookie to this origin (no Domain, Path=/, Secure) when served over https. */
export const sessionCookieName = () => (secure() ? "__Host-gw_session" : "gw_session");

export function sessionCookie(token: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return [`${sessionCookieName()}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAge}`, secure() ? "Secure" : ""]
    .filter(Boolean)
    .join("; ");
}

export function clearedSessionCookie(): string {
  return [`${sessionCookieName()}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0", secure() ? "Secure" : ""].filter(Boolean).join("; ");
}

export function readSessionToken(headers: Headers): string | null {
  const name = sessionCookieName();
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      const value = rest.join("=");
      return /^[a-z2-7]{32}$/.test(value) ? value : null;
    }
  }
  return null;
}
