import "server-only";
import { env } from "@/server/env";

/**
 * Browsers send `Sec-Fetch-Site` and `Origin` on every cross-origin POST; a request that
 * shows it came from another site is refused. Requests with neither header come from
 * non-browser clients, which cannot be driven by a hostile page.
 */
export function isCrossSiteRequest(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  const allowed = new Set([new URL(env.APP_URL).origin, new URL(req.url).origin]);
  return !allowed.has(origin);
}
