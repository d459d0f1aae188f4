import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { authTokens, securityEvents, users } from "@/server/db/schema";
import { verifyEmail } from "@/features/auth/server/verify-email";
import { browser, call, mailTo, query, signUp, tokenFromMail } from "./helpers";

describe("email verification", () => {
  it("verifies once; the second use of the link says it was used", async () => {
    const { cookie } = await signUp("verify.me@example.com");
    const token = await tokenFromMail("verify.me@example.com", "/verify-email");
    const first = await call("auth.verifyEmail", { token });
    expect(first.body.result.data).toEqual({ kind: "verified", email: "verify.me@example.com" });
    expect((await query<{ emailVerified: boolean }>("auth.me", undefined, cookie)).body.result.data.emailVerified).toBe(true);
    const again = await call("auth.verifyEmail", { token });
    expect(again.body.result.data).toEqual({ kind: "invalid_token", reason: "used" });
    const [user] = await db.select().from(users).where(eq(users.email, "verify.me@example.com"));
    const types = (await db.select().from(securityEvents).where(eq(securityEvents.userId, user!.id))).map((e) => e.type);
    expect(types.filter((t) => t === "email_verified")).toHaveLength(1);
  });

  it("refuses an expired link (time frozen past 24 h) and an unknown one", async () => {
    await signUp("late@example.com");
    const token = await tokenFromMail("late@example.com", "/verify-email");
    const later = new Date(Date.now() + 24 * 60 * 60 * 1000 + 1000);
    expect(await verifyEmail({ token }, { ip: null, userAgent: null }, db, later)).toEqual({ kind: "invalid_token", reason: "expired" });
    expect((await call("auth.verifyEmail", { token: "a".repeat(32) })).body.result.data).toEqual({ kind: "invalid_token", reason: "invalid" });
    // Still usable within its lifetime: expiry didn't consume it.
    expect((await call("auth.verifyEmail", { token })).body.result.data).toMatchObject({ kind: "verified" });
  });

  it("treats a link whose expires_at has passed in the database as expired", async () => {
    await signUp("db-expired@example.com");
    const token = await tokenFromMail("db-expired@example.com", "/verify-email");
    const [user] = await db.select().from(users).where(eq(users.email, "db-expired@example.com"));
    await db.update(authTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authTokens.userId, user!.id));
    expect((await call("auth.verifyEmail", { token })).body.result.data).toEqual({ kind: "invalid_token", reason: "expired" });
  });

  it("resends a link at most 3 times per 15 minutes, with a clear 429", async () => {
    const headers = browser("203.0.113.70");
    const { cookie } = await signUp("resend@example.com", headers);
    for (let i = 0; i < 3; i++) {
      const sent = await call("auth.resendVerification", undefined, { ...headers, ...cookie });
      expect(sent.body.result.data).toEqual({ kind: "sent", email: "resend@example.com" });
    }
    const limited = await call("auth.resendVerification", undefined, { ...headers, ...cookie });
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get("retry-after")).toBeTruthy();
    expect(limited.body.error.data.userMessage).toMatch(/try again in \d+ minutes?\.$/);
    expect(await mailTo("resend@example.com")).toHaveLength(4);
  });

  it("answers a verified account's resend with already_verified and sends nothing", async () => {
    const { cookie } = await signUp("already@example.com");
    await call("auth.verifyEmail", { token: await tokenFromMail("already@example.com", "/verify-email") });
    expect((await call("auth.resendVerification", undefined, { ...browser(), ...cookie })).body.result.data).toEqual({ kind: "already_verified" });
    expect(await mailTo("already@example.com")).toHaveLength(1);
  });

  it("requires a session to resend", async () => {
    expect((await call("auth.resendVerification", undefined)).res.status).toBe(401);
  });
});
