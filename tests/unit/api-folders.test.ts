/**
 * The page proxy (src/proxy.ts) skips /api/ entirely: no CSP nonce, no header copies. That is
 * only safe while every route under src/app/api makes its own request id and sets its own
 * security headers through `withRequest`. A new folder here must be looked at: add it below.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

const API_DIR = path.join(process.cwd(), "src/app/api");

/** Each route file, and how it reaches `withRequest`. */
const ROUTES: Record<string, RegExp> = {
  "[[...path]]/route.ts": /handleApiRequest/, // the public API's router ends each request with finishRequest, withRequest's plain-form twin
  "exports/[id]/download/route.ts": /withRequest/,
  "health/route.ts": /withRequest/,
  "inngest/route.ts": /withRequest/, // the not-configured answer; when configured, the Inngest SDK answers its own server
  "previews/callback/route.ts": /withRequest/,
  "pusher/auth/route.ts": /withRequest/,
  "trpc/[trpc]/route.ts": /handleTrpcRequest/,
  "unsubscribe/route.ts": /withRequest/, // = withRequest(…) in src/server/trpc/handler.ts
  "webhooks/stripe/route.ts": /withRequest/,
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return [path.relative(API_DIR, full)];
  });
}

const proxyMatches = (pathname: string) => config.matcher.some((source) => new RegExp(`^${source}$`).test(pathname));

describe("/api/ without the page proxy", () => {
  it("lists every file under src/app/api, each going through withRequest", () => {
    const files = routeFiles(API_DIR).sort();
    expect(files).toEqual(Object.keys(ROUTES).sort());
    for (const file of files) expect(readFileSync(path.join(API_DIR, file), "utf8"), file).toMatch(ROUTES[file]!);
  });

  it("runs the proxy for pages and never for /api", () => {
    for (const page of ["/", "/sign-in", "/w/acme/api-keys", "/apis", "/api-docs"]) expect(proxyMatches(page), page).toBe(true);
    for (const api of ["/api", "/api/", "/api/v1/me", "/api/trpc/auth.me", "/api/v2/anything"]) expect(proxyMatches(api), api).toBe(false);
  });
});
