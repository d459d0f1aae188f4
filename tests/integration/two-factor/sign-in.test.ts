import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db/client";
import { sessions } from "@/server/db/schema";
import { hashToken } from "@/server/auth/tokens";
import { callerWithHeaders } from "../../support/callers";
import { readJson, trpcMutation, type TrpcErrorBody } from "../../support/http";
import { advance, codeFor, enrollUser, eventsOf, freezeTime, pendingCaller, rejection } from "./support";

beforeEach(() => freezeTime());
afterEach(() => vi.useRealTimers());

const sessionRow = async (cookie: string) => {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, hashToken(cookie.split("=")[1]!)));
  return row;
};

describe("the second step of sign-in", () => {
  it("keeps a password-only session out of authed procedures until a TOTP code is verified", async () => {
    const { user, key } = await enrollUser(201);
    const { headers, caller } = await pendingCaller(user.id);
    expect((await rejection(caller.twoFactor.status())).code).toBe("UNAUTHORIZED");
    expect((await rejection(caller.sessions.list())).code).toBe("UNAUTHORIZED");

    advance(30);
    expect(await caller.twoFactor.verifySignIn({ code: codeFor(key), next: "/account/security?tab=1" })).toEqual({ redirectTo: "/account/security?tab=1" });
    expect((await sessionRow(headers.cookie!))!.twoFactorVerified).toBe(true);
    const signedIn = await callerWithHeaders(headers);
    expect(await signedIn.twoFactor.status()).toEqual({ enabled: true, recoveryCodesRemaining: 10 });
    expect((await eventsOf(user.id)).at(-1)).toEqual({ type: "sign_in", details: "Second factor: authenticator app" });
    // Once verified, the step is over.
    expect((await rejection(signedIn.twoFactor.verifySignIn({ code: "123456" }))).code).toBe("CONFLICT");
  });

  it("sends people only to paths on this site", async () => {
    const { user, key } = await enrollUser(202);
    const cases: Array<[string | undefined, string]> = [
      [undefined, "/app"],
      ["/w/acme/settings", "/w/acme/settings"],
      ["//evil.example/x", "/app"],
      ["/\\evil.example", "/app"],
      ["https://evil.example/", "/app"],
      ["javascript:alert(1)", "/app"],
    ];
    for (const [next, expected] of cases) {
      const { caller } = await pendingCaller(user.id);
      advance(30);
      expect(await caller.twoFactor.verifySignIn({ code: codeFor(key), next })).toEqual({ redirectTo: expected });
    }
  });

  it("needs a session that passed the password step", async () => {
    const anonymous = await callerWithHeaders();
    expect((await rejection(anonymous.twoFactor.verifySignIn({ code: "123456" }))).code).toBe("UNAUTHORIZED");
  });

  it("accepts a recovery code (in any case, with or without the dash) exactly once", async () => {
    const { user, recoveryCodes } = await enrollUser(203);
    const code = recoveryCodes[3]!;
    const first = await pendingCaller(user.id);
    expect(await first.caller.twoFactor.verifySignIn({ code: ` ${code.toUpperCase().replace("-", " ")} ` })).toEqual({ redirectTo: "/app" });
    // Written at one (frozen) instant, so their order is not defined.
    const events = await eventsOf(user.id);
    expect(events).toHaveLength(3);
    expect(events).toEqual(
      expect.arrayContaining([
        { type: "sign_in", details: "Second factor: recovery code" },
        { type: "recovery_code_used", details: "9 recovery codes left" },
      ]),
    );

    const second = await pendingCaller(user.id);
    const again = await rejection(second.caller.twoFactor.verifySignIn({ code }));
    expect(again.code).toBe("BAD_REQUEST");
    expect(again.fieldErrors?.code?.[0]).toMatch(/isn't right/);
    expect((await sessionRow(second.headers.cookie!))!.twoFactorVerified).toBe(false);
    await expect((await callerWithHeaders(first.headers)).twoFactor.status()).resolves.toEqual({ enabled: true, recoveryCodesRemaining: 9 });
  });

  it("refuses a TOTP code that was already accepted, until the next code", async () => {
    const { user, key } = await enrollUser(204);
    advance(30);
    const code = codeFor(key);
    const a = await pendingCaller(user.id);
    await a.caller.twoFactor.verifySignIn({ code });

    const b = await pendingCaller(user.id);
    const replay = await rejection(b.caller.twoFactor.verifySignIn({ code }));
    expect(replay.fieldErrors?.code?.[0]).toMatch(/already used/);
    advance(10); // still inside the same step, and inside the grace period after it
    expect((await rejection(b.caller.twoFactor.verifySignIn({ code }))).fieldErrors?.code?.[0]).toMatch(/already used/);
    advance(20);
    expect(codeFor(key)).not.toBe(code);
    expect(await b.caller.twoFactor.verifySignIn({ code: codeFor(key) })).toEqual({ redirectTo: "/app" });
  });

  it("refuses the code that confirmed enrollment as a sign-in code", async () => {
    const { user, key } = await enrollUser(205);
    const { caller } = await pendingCaller(user.id);
    expect((await rejection(caller.twoFactor.verifySignIn({ code: codeFor(key) }))).fieldErrors?.code?.[0]).toMatch(/already used/);
  });

  it("locks the second factor for 15 minutes after 5 wrong codes, with 429 and Retry-After", async () => {
    const { user, key } = await enrollUser(206);
    const { headers } = await pendingCaller(user.id);
    const wrong = codeFor(key) === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const res = await trpcMutation("twoFactor.verifySignIn", { code: wrong }, headers);
      expect(res.status).toBe(400);
      expect((await readJson<TrpcErrorBody>(res)).error.data.fieldErrors?.code).toHaveLength(1);
    }
    advance(30);
    const locked = await trpcMutation("twoFactor.verifySignIn", { code: codeFor(key) }, headers);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBe(15 * 60 - 30);
    expect((await readJson<TrpcErrorBody>(locked)).error.data.userMessage).toBe("Too many failed attempts. For your security, try again in 15 minutes.");
    expect((await sessionRow(headers.cookie!))!.twoFactorVerified).toBe(false);
    expect((await eventsOf(user.id)).filter((e) => e.type === "sign_in_failed")).toHaveLength(5);

    advance(15 * 60);
    const res = await trpcMutation("twoFactor.verifySignIn", { code: codeFor(key) }, headers);
    expect(res.status).toBe(200);
  });

  it("counts only failures since the last success", async () => {
    const { user, key } = await enrollUser(207);
    const wrong = () => (codeFor(key) === "000000" ? "111111" : "000000");
    for (let round = 0; round < 2; round++) {
      const { caller } = await pendingCaller(user.id);
      for (let i = 0; i < 4; i++) expect((await rejection(caller.twoFactor.verifySignIn({ code: wrong() }))).code).toBe("BAD_REQUEST");
      advance(30);
      await caller.twoFactor.verifySignIn({ code: codeFor(key) });
    }
  });
});
