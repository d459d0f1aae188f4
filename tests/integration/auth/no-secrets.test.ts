import { vi, describe, expect, it } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "info";
});

import { db } from "@/server/db/client";
import { authTokens, sessions, users } from "@/server/db/schema";
import { captureLogs } from "../../support/logs";
import { browser, call, cookieFrom, query, STRONG_PASSWORD, tokenFromMail } from "./helpers";

describe("no secret leaves the server", () => {
  it("no password, password hash, token hash or session id in any output or log line", async () => {
    const outputs: string[] = [];
    const record = async (p: Promise<{ res: Response; body: unknown }>) => {
      const { res, body } = await p;
      outputs.push(JSON.stringify(body), JSON.stringify([...res.headers.entries()].filter(([k]) => k !== "set-cookie")));
      return { res, body };
    };
    const headers = browser("192.0.2.200");
    const email = "leak.check@example.com";
    const newPassword = "another secret passphrase 5";
    const rawTokens: string[] = [];

    const { lines } = await captureLogs(async () => {
      const signedUp = await record(call("auth.signUp", { email, displayName: "Leak Check", password: STRONG_PASSWORD }, headers));
      const cookie = { ...headers, ...cookieFrom(signedUp.res) };
      await record(query("auth.me", undefined, cookie));
      const verify = await tokenFromMail(email, "/verify-email");
      rawTokens.push(verify);
      await record(call("auth.verifyEmail", { token: verify }, headers));
      await record(call("auth.verifyEmail", { token: verify }, headers));
      await record(call("auth.resendVerification", undefined, cookie));
      await record(call("auth.signIn", { email, password: "a wrong password" }, headers));
      const signedIn = await record(call("auth.signIn", { email, password: STRONG_PASSWORD }, headers));
      const cookie2 = { ...headers, ...cookieFrom(signedIn.res) };
      await record(call("auth.changePassword", { currentPassword: STRONG_PASSWORD, newPassword }, cookie2));
      await record(call("auth.changePassword", { currentPassword: "wrong wrong wrong", newPassword: STRONG_PASSWORD }, cookie2));
      await record(call("auth.requestEmailChange", { newEmail: "leak.new@example.com", password: newPassword }, cookie2));
      const confirm = await tokenFromMail("leak.new@example.com", "/confirm-email");
      rawTokens.push(confirm);
      await record(call("auth.confirmEmailChange", { token: confirm }, headers));
      await record(query("auth.securityLog", { limit: 50 }, cookie2));
      await record(call("auth.requestPasswordReset", { email: "leak.new@example.com" }, headers));
      const reset = await tokenFromMail("leak.new@example.com", "/reset-password");
      rawTokens.push(reset);
      await record(call("auth.resetPassword", { token: reset, password: STRONG_PASSWORD }, headers));
      await record(call("auth.signOut", undefined, cookie2));
      await record(call("auth.signUp", { email: "x", displayName: "y", password: "p".repeat(1000) }, headers));
    });

    const secrets = [
      ...(await db.select({ s: users.passwordHash }).from(users)).map((r) => r.s),
      ...(await db.select({ s: authTokens.tokenHash }).from(authTokens)).map((r) => r.s),
      ...(await db.select({ s: sessions.id }).from(sessions)).map((r) => r.s),
    ];
    expect(secrets.length).toBeGreaterThan(4);
    const everything = [...outputs, ...lines.map((l) => JSON.stringify(l))].join("\n");
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of [...secrets, STRONG_PASSWORD, newPassword, ...rawTokens]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/\$argon2/);
    expect(everything).not.toMatch(/passwordHash|tokenHash|totpKey/);
  });
});
