import "server-only";
import { env } from "@/server/env";
import { cookieName, readCookie } from "@/server/http/cookie-names";

/** Every cookie of the app is `Secure` (and `__Host-`) when it is served over https in production. */
export const secureCookies = () => env.NODE_ENV === "production" && env.APP_URL.startsWith("https:");
export const sessionCookieName = () => cookieName("session", secureCookies());

/** Beside the session cookie while a staff member impersonates someone (the staff session stays). */
export const impersonationCookieName = () => cookieName("impersonation", secureCookies());

/** A `Set-Cookie` value for one of the app's cookies (HttpOnly, Lax, the whole site). */
export function cookie(name: string, value: string, maxAgeSeconds: number): string {
  return [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${Math.max(0, maxAgeSeconds)}`, secureCookies() ? "Secure" : ""].filter(Boolean).join("; ");
}
const secondsUntil = (date: Date) => Math.floor((date.getTime() - Date.now()) / 1000);

export const sessionCookie = (token: string, expiresAt: Date) => cookie(sessionCookieName(), token, secondsUntil(expiresAt));
export const clearedSessionCookie = () => cookie(sessionCookieName(), "", 0);
export const impersonationCookie = (token: string, expiresAt: Date) => cookie(impersonationCookieName(), token, secondsUntil(expiresAt));
export const clearedImpersonationCookie = () => cookie(impersonationCookieName(), "", 0);

export const readSessionToken = (headers: Headers) => readToken(headers, sessionCookieName());
export const readImpersonationToken = (headers: Headers) => readToken(headers, impersonationCookieName());

function readToken(headers: Headers, name: string): string | null {
  const value = readCookie(headers, name);
  return value !== null && /^[a-z2-7]{32}$/.test(value) ? value : null;
}
