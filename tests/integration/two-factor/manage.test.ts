import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { db } from "@/server/db/client";
import { recoveryCodes, sessions, users } from "@/server/db/schema";
import { callerWithHeaders } from "../../support/callers";
import { readJson, trpcMutation, type TrpcErrorBody } from "../../support/http";
import { signedInHeaders } from "../../support/sessions";
import { advance, codeFor, enrollUser, eventsOf, freezeTime, newUser, pendingCaller, rejection } from "./support";

beforeEach(() => freezeTime());
afterEach(() => vi.useRealTimers());

describe("turning two-factor authentication off", () => {
  it("needs the current password and a valid code, each named when wrong", async () => {
    const { user, headers, key } = await enrollUser(301);
    advance(30);
    const badPassword = await trpcMutation("twoFactor.disable", { password: "not my password", code: codeFor(key) }, headers);
    expect(badPassword.status).toBe(400);
    expect((await readJson<TrpcErrorBody>(badPassword)).error.data.fieldErrors).toEqual({ password: ["That password isn't right."] });

    const badCode = await trpcMutation("twoFactor.disable", { password: FACTORY_PASSWORD, code: "000000" === codeFor(key) ? "111111" : "000000" }, headers);
    expect(badCode.status).toBe(400);
    expect(Object.keys((await readJson<TrpcErrorBody>(badCode)).error.data.fieldErrors ?? {})).toEqual(["code"]);

    const missing = await trpcMutation("twoFactor.disable", { password: "", code: "" }, headers);
    expect((await readJson<TrpcErrorBody>(missing)).error.data.fieldErrors).toMatchObject({ password: ["Enter your password"], code: [expect.stringMatching(/6-digit code/)] });

    const [before] = await db.select({ key: users.totpKeyEncrypted }).from(users).where(eq(users.id, user.id));
    expect(before!.key).not.toBeNull();
  });

  it("clears the key and codes, keeps verified sessions and signs out password-only ones", async () => {
    const { user, caller, key } = await enrollUser(302);
    const verifiedElsewhere = await signedInHeaders(user.id, { twoFactorVerified: true });
    const halfway = await pendingCaller(user.id);
    advance(30);
    expect(await caller.twoFactor.disable({ password: FACTORY_PASSWORD, code: codeFor(key) })).toEqual({ enabled: false, recoveryCodesRemaining: 0 });

    const [row] = await db.select({ key: users.totpKeyEncrypted }).from(users).where(eq(users.id, user.id));
    expect(row!.key).toBeNull();
    expect(await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
    expect(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(2);
    expect((await (await callerWithHeaders(verifiedElsewhere)).twoFactor.status()).enabled).toBe(false);
    expect((await rejection((await callerWithHeaders(halfway.headers)).twoFactor.status())).code).toBe("UNAUTHORIZED");
    expect((await eventsOf(user.id)).map((e) => e.type)).toEqual(["two_factor_enabled", "two_factor_disabled"]);
  });

  it("accepts a recovery code instead of the app", async () => {
    const { caller, recoveryCodes: codes } = await enrollUser(303);
    expect((await caller.twoFactor.disable({ password: FACTORY_PASSWORD, code: codes[0]! })).enabled).toBe(false);
  });

  it("is refused when 2FA is off", async () => {
    const user = await newUser(304);
    const caller = await callerWithHeaders(await signedInHeaders(user.id));
    expect((await rejection(caller.twoFactor.disable({ password: FACTORY_PASSWORD, code: "123456" }))).code).toBe("CONFLICT");
    expect((await rejection(caller.twoFactor.regenerateRecoveryCodes({ code: "123456" }))).code).toBe("CONFLICT");
  });
});

describe("new recovery codes", () => {
  it("replaces every code: the old ones stop working and the new ones work once", async () => {
    const { user, caller, key, recoveryCodes: old } = await enrollUser(305);
    const wrong = await rejection(caller.twoFactor.regenerateRecoveryCodes({ code: "zzzzz-zzzzz" }));
    expect(wrong.fieldErrors?.code).toHaveLength(1);

    advance(30);
    const { recoveryCodes: fresh } = await caller.twoFactor.regenerateRecoveryCodes({ code: codeFor(key) });
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => old.includes(c))).toEqual([]);
    expect(await caller.twoFactor.status()).toEqual({ enabled: true, recoveryCodesRemaining: 10 });

    const a = await pendingCaller(user.id);
    expect((await rejection(a.caller.twoFactor.verifySignIn({ code: old[0]! }))).code).toBe("BAD_REQUEST");
    expect(await a.caller.twoFactor.verifySignIn({ code: fresh[0]! })).toEqual({ redirectTo: "/app" });
  });
});
