/**
 * Security headers for every response. Pages get a strict, nonce-based CSP: a script runs
 * only if the server rendered it with this request's nonce ('strict-dynamic' lets those
 * scripts load the app's chunks). Styles allow inline attributes: Radix positions popovers
 * with style="…", and style injection cannot run code.
 */
export function contentSecurityPolicy(nonce: string | null, opts: { dev: boolean; connectSources?: readonly string[] }): string {
  if (!nonce) return "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${opts.dev ? " ws: wss:" : ""}${opts.connectSources?.length ? ` ${opts.connectSources.join(" ")}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Where the browser opens the Pusher WebSocket when Pusher is configured (the same host, port
 * and TLS rule as get-realtime-config.ts), for connect-src; empty otherwise. Reads raw env:
 * the proxy runs before anything else and must not depend on the app's env module.
 */
export function pusherConnectSources(env: Record<string, string | undefined>): string[] {
  if (!env.PUSHER_APP_ID || !env.PUSHER_KEY || !env.PUSHER_SECRET) return [];
  const host = env.PUSHER_HOST || `ws-${env.PUSHER_CLUSTER || "mt1"}.pusher.com`;
  const port = Number(env.PUSHER_PORT || 443);
  return [port === 443 ? `wss://${host}` : `ws://${host}:${port}`];
}

export function baseSecurityHeaders(opts: { production: boolean }): Record<string, string> {
  return {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(opts.production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload" } : {}),
  };
}

/** What every /api/ response carries: nothing on it may run as a page, frame or script. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...baseSecurityHeaders({ production: false }),
  "Content-Security-Policy": contentSecurityPolicy(null, { dev: false }),
};
