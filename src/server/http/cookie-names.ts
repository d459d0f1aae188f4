/**
 * The names of the app's own cookies, from one prefix. Cookies ignore ports: a preview at
 * 127.0.0.1:4100 and the app at 127.0.0.1:3000 share one cookie jar, so with one name signing
 * in to a preview would replace the staff member's own session (decision 037). The preview
 * driver gives each preview a prefix of its own (`COOKIE_PREFIX`, derived from the preview id).
 *
 * Read from `process.env` rather than the validated env module because the page proxy imports
 * this (no `server-only` there); env.ts validates the same variable with the same pattern at boot.
 */
export const COOKIE_PREFIX_PATTERN = /^[a-z][a-z0-9_]{0,30}_$/;
const DEFAULT_COOKIE_PREFIX = "gw_";

export type CookieKind = "session" | "impersonation" | "flag_overrides";

export function cookiePrefix(): string {
  const configured = process.env.COOKIE_PREFIX;
  return configured && COOKIE_PREFIX_PATTERN.test(configured) ? configured : DEFAULT_COOKIE_PREFIX;
}

/** `__Host-` pins the cookie to this origin (no Domain, Path=/, Secure) when served over https. */
export const cookieName = (kind: CookieKind, secure: boolean) => `${secure ? "__Host-" : ""}${cookiePrefix()}${kind}`;

/** A preview's prefix, from its id (hex): two previews open at once don't share a session either. */
export const previewCookiePrefix = (previewId: string) => `gwp_${previewId.replace(/-/g, "").slice(0, 12)}_`;

/** The cookie's value in a `Cookie` header, or null. */
export function readCookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return null;
}
