import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { securityEvents, sessions } from "@/server/db/schema";
import { resetPassword } from "@/features/auth/server/reset-password";
import { signedInHeaders } from "../../support/sessions";
import { browser, call, cookieFrom, mailTo, newUser, query, STRONG_PASSWORD, tokenFromMail } from "./helpers";

const NEW_PASSWORD = "a completely new passphrase 7";

describe("password reset", () => {
  it("gives the same answer for an unknown address, and mails nothing", async () => {
    const user = await newUser();
    const known = await call("auth.requestPasswordReset", { email: user.email });
    const unknown = await call("auth.requestPasswordReset", { email: "no-account@example.com" });
    expect(known.res.status).toBe(200);
    expect(unknown.res.status).toBe(200);
    expect(unknown.body.result.data).toEqual(known.body.result.data);
    expect(await mailTo("no-account@example.com")).toHaveLength(0);
    expect((await mailTo(user.email))[0]!.text).toMatch(/\/reset-password\?token=[a-z2-7]{32}/);
  });

  it("resets with a single-use link, signs out everywhere, signs in fresh, and the old password stops working", async () => {
    const user = await newUser();
    const otherDevice = await signedInHeaders(user.id);
    await call("auth.requestPasswordReset", { email: user.email });
    const token = await tokenFromMail(user.email, "/reset-password");

    const { res, body } = await call("auth.resetPassword", { token, password: NEW_PASSWORD });
    expect(body.result.data).toEqual({ kind: "signed_in", redirectTo: "/app" });
    const fresh = cookieFrom(res);
    expect((await query<{ id: string }>("auth.me", undefined, fresh)).body.result.data.id).toBe(user.id);
    expect((await query("auth.me", undefined, otherDevice)).body.result.data).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);

    expect((await call("auth.resetPassword", { token, password: "yet another passphrase 9" })).body.result.data).toEqual({ kind: "invalid_token", reason: "used" });
    expect((await call("auth.signIn", { email: user.email, password: FACTORY_PASSWORD })).res.status).toBe(401);
    expect((await call("auth.signIn", { email: user.email, password: NEW_PASSWORD })).res.status).toBe(200);

    const types = (await db.select().from(securityEvents).where(eq(securityEvents.userId, user.id))).map((e) => e.type);
    expect(types).toContain("password_reset");
    expect((await mailTo(user.email)).map((m) => m.subject)).toContain("Your password was changed");
  });

  it("expires links after an hour", async () => {
    const user = await newUser();
    await call("auth.requestPasswordReset", { email: user.email });
    const token = await tokenFromMail(user.email, "/reset-password");
    const later = new Date(Date.now() + 60 * 60 * 1000 + 1000);
    expect(await resetPassword({ token, password: NEW_PASSWORD }, { ip: null, userAgent: null }, db, later)).toEqual({ kind: "invalid_token", reason: "expired" });
  });

  it("keeps the link usable when the new password is refused", async () => {
    const user = await newUser();
    await call("auth.requestPasswordReset", { email: user.email });
    const token = await tokenFromMail(user.email, "/reset-password");
    const common = await call("auth.resetPassword", { token, password: "1234567890" });
    expect(common.res.status).toBe(400);
    expect(common.body.error.data.fieldErrors?.password?.[0]).toMatch(/most common/);
    const sameAsEmail = await call("auth.resetPassword", { token, password: user.email });
    expect(sameAsEmail.body.error.data.fieldErrors?.password).toEqual(["New password can't be your email address"]);
    expect((await call("auth.resetPassword", { token, password: NEW_PASSWORD })).body.result.data).toMatchObject({ kind: "signed_in" });
  });

  it("limits reset emails per address (known or not) to 3 per 15 minutes", async () => {
    for (const email of ["limit-known@example.com", "limit-unknown@example.com"]) {
      if (email.includes("known@")) await call("auth.signUp", { email, displayName: "L", password: STRONG_PASSWORD });
      for (let i = 0; i < 3; i++) expect((await call("auth.requestPasswordReset", { email }, browser())).res.status).toBe(200);
      const limited = await call("auth.requestPasswordReset", { email }, browser());
      expect(limited.res.status).toBe(429);
      expect(limited.res.headers.get("retry-after")).toBeTruthy();
    }
  });
});
