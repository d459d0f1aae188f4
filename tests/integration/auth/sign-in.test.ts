import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { securityEvents, sessions } from "@/server/db/schema";
import { browser, call, cookieFrom, mailTo, newUser, query } from "./helpers";

type SignedIn = { kind: string; redirectTo?: string };

describe("sign-in", () => {
  it("signs in, sets a session cookie, follows a same-site `next`, and records the event", async () => {
    const user = await newUser();
    const { res, body } = await call<SignedIn>("auth.signIn", { email: user.email.toUpperCase(), password: FACTORY_PASSWORD, next: "/w/acme/settings?tab=1" });
    expect(res.status).toBe(200);
    expect(body.result.data).toEqual({ kind: "signed_in", redirectTo: "/w/acme/settings?tab=1" });
    const me = await query<{ id: string }>("auth.me", undefined, cookieFrom(res));
    expect(me.body.result.data.id).toBe(user.id);
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, user.id));
    expect(events.map((e) => e.type)).toEqual(["sign_in"]);
  });

  it.each(["//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)", ""])("ignores an off-site next (%j) and goes to /app", async (next) => {
    const user = await newUser();
    const { body } = await call<SignedIn>("auth.signIn", { email: user.email, password: FACTORY_PASSWORD, next });
    expect(body.result.data.redirectTo).toBe("/app");
  });

  it("answers an unknown email and a wrong password with the same 401 and message", async () => {
    const user = await newUser();
    const wrong = await call("auth.signIn", { email: user.email, password: "not the password at all" });
    const unknown = await call("auth.signIn", { email: "nobody-here@example.com", password: "not the password at all" });
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(wrong.body.error.data.userMessage).toBe("The email or password is incorrect.");
    expect(unknown.body.error.data.userMessage).toBe(wrong.body.error.data.userMessage);
    expect(wrong.body.error.data.fieldErrors).toEqual(unknown.body.error.data.fieldErrors);
    expect(wrong.res.headers.getSetCookie()).toEqual([]);

    const failed = await db.select().from(securityEvents).where(eq(securityEvents.type, "sign_in_failed"));
    expect(failed.find((e) => e.userId === user.id)).toMatchObject({ ip: expect.any(String), userAgent: "Mozilla/5.0 (vitest)", email: null });
    expect(failed.find((e) => e.userId === null)).toMatchObject({ email: "nobody-here@example.com", ip: expect.any(String) });
  });

  it("locks the account after 5 failures in 15 minutes: 429, Retry-After, and the message, even with the right password", async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) expect((await call("auth.signIn", { email: user.email, password: `wrong password ${i}` })).res.status).toBe(401);
    const locked = await call("auth.signIn", { email: user.email, password: FACTORY_PASSWORD });
    expect(locked.res.status).toBe(429);
    expect(Number(locked.res.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(locked.body.error.data.userMessage).toBe("Too many sign-in attempts for this account. Try again in 15 minutes.");
    // Another account from the same addresses is unaffected.
    const other = await newUser();
    expect((await call("auth.signIn", { email: other.email, password: FACTORY_PASSWORD })).res.status).toBe(200);
  });

  it("locks unknown addresses the same way, so a lockout doesn't reveal an account", async () => {
    for (let i = 0; i < 5; i++) await call("auth.signIn", { email: "ghost@example.com", password: `wrong password ${i}` });
    const locked = await call("auth.signIn", { email: "ghost@example.com", password: "whatever it is" });
    expect(locked.res.status).toBe(429);
    expect(locked.body.error.data.userMessage).toMatch(/^Too many sign-in attempts for this account\./);
  });

  it("limits sign-in attempts per IP to 20 per 15 minutes", async () => {
    const from = browser("203.0.113.99");
    for (let i = 0; i < 20; i++) await call("auth.signIn", { email: `spray${i}@example.com`, password: "some password here" }, from);
    const res = (await call("auth.signIn", { email: "spray-last@example.com", password: "some password here" }, from)).res;
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBeTruthy();
  });

  it("emails a new-sign-in notice for a new device only", async () => {
    const user = await newUser();
    const device = { ...browser("192.0.2.44"), "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" };
    await call("auth.signIn", { email: user.email, password: FACTORY_PASSWORD }, device);
    await call("auth.signIn", { email: user.email, password: FACTORY_PASSWORD }, device);
    const notices = (await mailTo(user.email)).filter((m) => m.subject === "New sign-in to your account");
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("IP address: 192.0.2.44");
    // The device in words, as the sessions page shows it — never the raw user-agent string.
    expect(notices[0]!.text).toContain("Device: Chrome 131 on Linux");
  });

  it("asks for the second factor when 2FA is on: a session that isn't signed in yet", async () => {
    const user = await newUser({ totpKeyEncrypted: new Uint8Array([1, 2, 3]) });
    const { res, body } = await call<SignedIn>("auth.signIn", { email: user.email, password: FACTORY_PASSWORD });
    expect(body.result.data).toEqual({ kind: "two_factor_required" });
    const [session] = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(session!.twoFactorVerified).toBe(false);
    expect((await query("auth.me", undefined, cookieFrom(res))).body.result.data).toBeNull();
  });

  it("signs out: the session row is gone, the cookie cleared, the event recorded", async () => {
    const user = await newUser();
    const signIn = await call("auth.signIn", { email: user.email, password: FACTORY_PASSWORD });
    const cookie = cookieFrom(signIn.res);
    const out = await call("auth.signOut", undefined, { ...browser(), ...cookie });
    expect(out.body.result.data).toEqual({ kind: "signed_out" });
    expect(out.res.headers.getSetCookie()[0]).toMatch(/^gw_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await query("auth.me", undefined, cookie)).body.result.data).toBeNull();
    const types = (await db.select().from(securityEvents).where(eq(securityEvents.userId, user.id))).map((e) => e.type);
    expect(types).toContain("sign_out");
  });
});
