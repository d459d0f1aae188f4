/**
 * Per-IP limits can't be dodged by rotating X-Forwarded-For: over real HTTP to the standalone
 * servers (`start:api`, `start:realtime`), which record the socket's address. The Next server
 * (`npm start`) does the same; e2e/security.spec.ts covers it through the browser-facing port.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { INVALID_KEY_RULE } from "@/server/rest/authenticate";
import { startApiServer, type ApiServer } from "@/server/rest/standalone";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { db } from "@/server/db/client";
import { clearRateLimit } from "@/server/rate-limit/consume";

let server: ApiServer;
let behindProxy: ApiServer;
beforeAll(async () => {
  server = await startApiServer({ port: 0 });
  behindProxy = await startApiServer({ port: 0, trustedProxyHops: 1 });
});
afterAll(async () => {
  await Promise.all([server.stop(), behindProxy.stop()]);
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});
afterEach(async () => {
  await clearRateLimit(db, INVALID_KEY_RULE, "ip:127.0.0.1");
});

const badKey = (forwardedFor: string, to = server) =>
  fetch(`${to.origin}/api/v1/me`, { headers: { authorization: "Bearer gw_live_not-a-real-key", "x-forwarded-for": forwardedFor, "x-groundwork-client-address": forwardedFor } });

describe("client addresses on start:api", () => {
  it("with no trusted proxy, a client rotating X-Forwarded-For (and the internal header) still hits the invalid-key limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= INVALID_KEY_RULE.limit; i++) statuses.push((await badKey(`203.0.113.${i + 1}`)).status);
    expect(statuses.slice(0, INVALID_KEY_RULE.limit).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("behind one trusted proxy, each address the proxy appended is limited on its own", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= INVALID_KEY_RULE.limit; i++) statuses.push((await badKey(`6.6.6.6, 198.51.100.${i + 1}`, behindProxy)).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
  });
});
