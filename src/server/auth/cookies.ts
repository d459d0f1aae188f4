import "server-only";
import { env } from "@/server/env";
import { IMPERSONATION_COOKIE, IMPERSONATION_COOKIE_SECURE } from "@/server/http/impersonation-writes";

const secure = () => env.NODE_ENV === "production" && env.APP_URL.startsWith("https:");
/** `__Host-` pins the cookie to this origin (no Domain, Path=/, Secure) when served over https. */
export const sessionCookieName = () => (secure() ? "__Host-gw_session" : "gw_session");

/** Beside the session cookie while a staff member impersonates someone (the staff session stays). */
export const impersonationCookieName = () => (secure() ? IMPERSONATION_COOKIE_SECURE : IMPERSONATION_COOKIE);

function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${Math.max(0, maxAgeSeconds)}`, secure() ? "Secure" : ""].filter(Boolean).join("; ");
}
const secondsUntil = (date: Date) => Math.floor((date.getTime() - Date.now()) / 1000);

export const sessionCookie = (token: string, expiresAt: Date) => cookie(sessionCookieName(), token, secondsUntil(expiresAt));
export const clearedSessionCookie = () => cookie(sessionCookieName(), "", 0);
export const impersonationCookie = (token: string, expiresAt: Date) => cookie(impersonationCookieName(), token, secondsUntil(expiresAt));
export const clearedImpersonationCookie = () => cookie(impersonationCookieName(), "", 0);

export const readSessionToken = (headers: Headers) => readToken(headers, sessionCookieName());
export const readImpersonationToken = (headers: Headers) => readToken(headers, impersonationCookieName());

function readToken(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      const value = rest.join("=");
      return /^[a-z2-7]{32}$/.test(value) ? value : null;
    }
  }
  return null;
}
