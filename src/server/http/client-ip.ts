/**
 * The caller's address as the nearest trusted proxy saw it. Deployments sit behind one
 * proxy (the platform's load balancer, or Next's own server, which sets the header), so
 * the right-most x-forwarded-for entry is the one a client cannot forge.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return last || headers.get("x-real-ip") || "unknown";
}
