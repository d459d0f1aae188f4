import "server-only";
import { env } from "@/server/env";

/**
 * Refuses state-changing requests a browser made on behalf of another site. Modern browsers
 * send `Sec-Fetch-Site`, which is decisive; older ones send `Origin`, which must be this app
 * (APP_URL, or the host the request was addressed to). Requests with neither come from
 * non-browser clients, which a hostile page cannot drive.
 */
export function isCrossSiteRequest(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site) return site !== "same-origin" && site !== "none";
  const origin = req.headers.get("origin");
  if (!origin) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  const allowed = new Set([new URL(env.APP_URL).origin, new URL(req.url).origin, ...(host ? [`${proto}://${host}`] : [])]);
  return !allowed.has(origin);
}
