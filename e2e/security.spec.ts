import { eq, like } from "drizzle-orm";
import { rateLimitBuckets, securityEvents } from "../src/server/db/schema";
import { expect, test } from "./support/fixtures";
import { serverLogLines } from "./support/server-log";

// What a client reaching `npm start` directly (no proxy, TRUSTED_PROXY_HOPS=0) claims about its address.
const forged = (i: number) => ({ "x-forwarded-for": `203.0.113.${i}`, "x-groundwork-client-address": `198.51.100.${i}` });

test.describe("client addresses", () => {
  test("a client rotating X-Forwarded-For is still limited per address", async ({ request, db }) => {
    // reset-password allows 20 attempts per address in 15 minutes; the limit runs before the input is read.
    const attempt = (i: number) => request.post("/api/trpc/auth.resetPassword", { headers: { "content-type": "application/json", ...forged(i) }, data: { json: { token: "x", password: "y" } } });
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 21 && !statuses.includes(429); i++) statuses.push((await attempt(i)).status());
      expect(statuses).toContain(429);
    } finally {
      // Other specs reset passwords from the same loopback address.
      await db.delete(rateLimitBuckets).where(like(rateLimitBuckets.key, "reset-password:ip:%"));
    }
  });

  test("the security log records the socket's address, not the one the client sent", async ({ request, db, makeUser }) => {
    const user = await makeUser();
    const res = await request.post("/api/trpc/auth.signIn", { headers: { "content-type": "application/json", ...forged(250) }, data: { json: { email: user.email, password: user.password } } });
    expect(res.status()).toBe(200);
    const events = await db.select({ type: securityEvents.type, ip: securityEvents.ip }).from(securityEvents).where(eq(securityEvents.userId, user.id));
    expect(events).toContainEqual({ type: "sign_in", ip: "127.0.0.1" });
  });
});

test.describe("signed-out visits to signed-in pages", () => {
  test("redirect to sign-in without an error in the server log", async ({ page, request }) => {
    // Only this test's lines: other tests share the server and one renders /dev/boom's failure on purpose.
    const logStart = serverLogLines().length;
    const paths = ["/account", "/account/security", "/account/sessions", "/account/security-log", "/account/export", "/app", "/w/new", "/w/demo", "/w/demo/members", "/w/demo/settings", "/w/demo/api-keys", "/staff/jobs"];
    for (const path of paths) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(307);
      expect(res.headers().location, path).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
    }
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount$/);
    // A logged request after the visits: once its line is in the log, the renders before it have logged too.
    const healthLines = () => serverLogLines().filter((l) => l.msg === "request" && l.path === "/api/health").length;
    const before = healthLines();
    await request.get("/api/health");
    await expect.poll(healthLines).toBeGreaterThan(before);
    const visited = new Set(paths);
    const errors = serverLogLines()
      .slice(logStart)
      .filter((l) => (l.level === "error" || l.level === "fatal") && (typeof l.path !== "string" || visited.has(l.path.split("?")[0]!)) && /displayName|render failed/.test(JSON.stringify(l)));
    expect(errors).toEqual([]);
  });
});
