import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { authTokens, memberships, securityEvents, users, workspaces } from "@/server/db/schema";
import { browser, call, mailTo, query, signUp, STRONG_PASSWORD } from "./helpers";

describe("sign-up", () => {
  it("creates the user, a personal workspace, a verification email and a session cookie", async () => {
    const { res, body, cookie } = await signUp("  Grace.Hopper@Example.COM ", browser(), "  Grace Hopper ");
    expect(body.result.data).toEqual({ kind: "signed_in", redirectTo: "/w/grace-hoppers-workspace" });

    const [user] = await db.select().from(users).where(eq(users.email, "grace.hopper@example.com"));
    expect(user).toMatchObject({ displayName: "Grace Hopper", emailVerifiedAt: null });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const [workspace] = await db
      .select({ name: workspaces.name, personal: workspaces.personal, role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
      .where(eq(memberships.userId, user!.id));
    expect(workspace).toEqual({ name: "Grace Hopper's workspace", personal: true, role: "owner" });

    const mail = await mailTo("grace.hopper@example.com");
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe("Verify your email address");
    expect(mail[0]!.text).toMatch(/http:\/\/localhost:3000\/verify-email\?token=[a-z2-7]{32}/);
    const [token] = await db.select().from(authTokens).where(eq(authTokens.userId, user!.id));
    expect(token!.purpose).toBe("verify_email");
    expect(token!.expiresAt.getTime() - token!.createdAt.getTime()).toBe(24 * 60 * 60 * 1000);
    expect(mail[0]!.text).not.toContain(token!.tokenHash);

    const setCookie = res.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    const attributes = setCookie[0]!.split("; ");
    expect(attributes[0]).toMatch(/^gw_session=[a-z2-7]{32}$/);
    expect(attributes).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Path=/"]));
    expect(attributes).not.toContain("Secure");
    const maxAge = Number(attributes.find((a) => a.startsWith("Max-Age="))!.split("=")[1]);
    expect(Math.abs(maxAge - 30 * 24 * 60 * 60)).toBeLessThan(5);

    const me = await query<Record<string, unknown>>("auth.me", undefined, cookie);
    expect(me.body.result.data).toEqual({
      id: user!.id,
      email: "grace.hopper@example.com",
      displayName: "Grace Hopper",
      emailVerified: false,
      twoFactorEnabled: false,
      staffRole: null,
    });
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, user!.id));
    expect(events.map((e) => e.type)).toEqual(["sign_up"]);
    expect(events[0]).toMatchObject({ ip: expect.stringMatching(/^198\.51\.100\./), userAgent: "Mozilla/5.0 (vitest)" });
  });

  it("continues to a same-site `next` (an invite link) and ignores an off-site one", async () => {
    const to = async (email: string, next: string) =>
      (await call<{ redirectTo: string }>("auth.signUp", { email, displayName: "Next Person", password: STRONG_PASSWORD, next }, browser())).body.result.data.redirectTo;
    expect(await to("next-a@example.com", "/invite/abc123")).toBe("/invite/abc123");
    expect(await to("next-b@example.com", "//evil.example/phish")).toMatch(/^\/w\//);
    expect(await to("next-c@example.com", "/\\evil.example")).toMatch(/^\/w\//);
    expect(await to("next-d@example.com", "https://evil.example")).toMatch(/^\/w\//);
  });

  it("refuses an address that already has an account, on the email field, and creates nothing", async () => {
    await signUp("taken@example.com");
    const before = (await db.select().from(workspaces)).length;
    const { res, body } = await call("auth.signUp", { email: "TAKEN@example.com", displayName: "Someone Else", password: STRONG_PASSWORD });
    expect(res.status).toBe(409);
    expect(body.error.data.fieldErrors?.email?.[0]).toMatch(/already exists/);
    expect((await db.select().from(workspaces)).length).toBe(before);
  });

  it("refuses a common password and a password equal to the email, naming the field", async () => {
    const common = await call("auth.signUp", { email: "common@example.com", displayName: "C", password: "qwertyuiop" });
    expect(common.res.status).toBe(400);
    expect(common.body.error.data.fieldErrors?.password?.[0]).toMatch(/most common passwords/);
    const same = await call("auth.signUp", { email: "same.as.email@example.com", displayName: "S", password: "Same.As.Email@example.com" });
    expect(same.res.status).toBe(400);
    expect(same.body.error.data.fieldErrors?.password).toEqual(["Password can't be your email address"]);
    expect(await db.select().from(users).where(eq(users.email, "common@example.com"))).toHaveLength(0);
  });

  it("limits sign-ups per address to 5 an hour", async () => {
    const from = browser("203.0.113.50");
    for (let i = 0; i < 5; i++) await signUp(`burst${i}@example.com`, from);
    const { res, body } = await call("auth.signUp", { email: "burst5@example.com", displayName: "B", password: STRONG_PASSWORD }, from);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(body.error.data.userMessage).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
  });
});
