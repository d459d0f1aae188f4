import { encodeBase32NoPadding, encodeBase64, encodeHexLowerCase } from "@oslojs/encoding";
import { eq } from "drizzle-orm";
import superjson from "superjson";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { open } from "@/server/auth/secret-box";
import { hashToken } from "@/server/auth/tokens";
import { db } from "@/server/db/client";
import { recoveryCodes, sessions, users } from "@/server/db/schema";
import { callerWithHeaders } from "../../support/callers";
import { readJson, trpcMutation, type TrpcErrorBody } from "../../support/http";
import { signedInHeaders } from "../../support/sessions";
import { advance, codeFor, enrollUser, eventsOf, freezeTime, keyFromManualKey, newUser, rejection } from "./support";

beforeEach(() => freezeTime());
afterEach(() => vi.useRealTimers());

describe("turning two-factor authentication on", () => {
  it("enrolls with a code from the app, stores only sealed key and hashed codes, and keeps this session signed in", async () => {
    const user = await newUser(101);
    const caller = await callerWithHeaders(await signedInHeaders(user.id));
    expect(await caller.twoFactor.status()).toEqual({ enabled: false, recoveryCodesRemaining: 0 });

    const enrollment = await caller.twoFactor.beginEnrollment();
    expect(enrollment.manualKey).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const key = keyFromManualKey(enrollment.manualKey);
    expect(key).toHaveLength(20);
    expect(enrollment.keyUri).toBe(
      `otpauth://totp/Groundwork:${encodeURIComponent(user.email)}?issuer=Groundwork&algorithm=SHA1&secret=${encodeBase32NoPadding(key)}&period=30&digits=6`,
    );
    expect(enrollment.qrSvg).toMatch(/^<svg [^>]*viewBox=/);
    expect(enrollment.enrollmentToken).not.toContain(encodeBase32NoPadding(key));

    const { recoveryCodes: codes } = await caller.twoFactor.confirmEnrollment({ enrollmentToken: enrollment.enrollmentToken, code: codeFor(key) });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);

    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.totpKeyEncrypted).not.toBeNull();
    expect(encodeHexLowerCase(row!.totpKeyEncrypted!)).not.toContain(encodeHexLowerCase(key));
    expect(open(row!.totpKeyEncrypted!)).toEqual(key);
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored.map((r) => r.codeHash).sort()).toEqual(codes.map((c) => hashToken(c.replace("-", ""))).sort());

    expect(await caller.twoFactor.status()).toEqual({ enabled: true, recoveryCodesRemaining: 10 });
    expect((await eventsOf(user.id)).map((e) => e.type)).toEqual(["two_factor_enabled"]);
  });

  it("rejects a wrong code and names the code field, without mentioning recovery codes the user doesn't have yet", async () => {
    const user = await newUser(102);
    const headers = await signedInHeaders(user.id);
    const enrollment = await (await callerWithHeaders(headers)).twoFactor.beginEnrollment();
    const res = await trpcMutation("twoFactor.confirmEnrollment", { enrollmentToken: enrollment.enrollmentToken, code: "000000" }, headers);
    expect(res.status).toBe(400);
    const body = await readJson<TrpcErrorBody>(res);
    expect(body.error.data.fieldErrors?.code?.[0]).toMatch(/isn't right/);
    expect(body.error.message).not.toMatch(/recovery/i);

    const malformed = await trpcMutation("twoFactor.confirmEnrollment", { enrollmentToken: enrollment.enrollmentToken, code: "12ab" }, headers);
    expect(malformed.status).toBe(400);
    expect((await readJson<TrpcErrorBody>(malformed)).error.data.fieldErrors?.code?.[0]).toMatch(/6-digit code/);
    expect((await (await callerWithHeaders(headers)).twoFactor.status()).enabled).toBe(false);
  });

  it("refuses a tampered, someone else's or expired enrollment token", async () => {
    const alice = await newUser(103);
    const bob = await newUser(104);
    const aliceCaller = await callerWithHeaders(await signedInHeaders(alice.id));
    const bobCaller = await callerWithHeaders(await signedInHeaders(bob.id));
    const enrollment = await aliceCaller.twoFactor.beginEnrollment();
    const key = keyFromManualKey(enrollment.manualKey);
    const token = enrollment.enrollmentToken;
    const tampered = (token[10] === "A" ? "B" : "A") + token.slice(1, 10) + (token[10] === "A" ? "B" : "A") + token.slice(11);

    const forged = await rejection(aliceCaller.twoFactor.confirmEnrollment({ enrollmentToken: tampered, code: codeFor(key) }));
    expect(forged.fieldErrors?.enrollmentToken?.[0]).toMatch(/not valid/);
    const stolen = await rejection(bobCaller.twoFactor.confirmEnrollment({ enrollmentToken: token, code: codeFor(key) }));
    expect(stolen.fieldErrors?.enrollmentToken?.[0]).toMatch(/not valid/);
    advance(31 * 60);
    const expired = await rejection(aliceCaller.twoFactor.confirmEnrollment({ enrollmentToken: token, code: codeFor(key) }));
    expect(expired.fieldErrors?.enrollmentToken?.[0]).toMatch(/expired/);
  });

  it("won't start a second enrollment while 2FA is on", async () => {
    const { caller } = await enrollUser(105);
    expect((await rejection(caller.twoFactor.beginEnrollment())).code).toBe("CONFLICT");
  });

  it("keeps the user's other sessions, but they must pass the second factor again", async () => {
    const user = await newUser(106);
    const otherHeaders = await signedInHeaders(user.id, { twoFactorVerified: true });
    const other = await callerWithHeaders(otherHeaders);
    expect((await other.twoFactor.status()).enabled).toBe(false);

    const headers = await signedInHeaders(user.id);
    const caller = await callerWithHeaders(headers);
    const enrollment = await caller.twoFactor.beginEnrollment();
    const key = keyFromManualKey(enrollment.manualKey);
    await caller.twoFactor.confirmEnrollment({ enrollmentToken: enrollment.enrollmentToken, code: codeFor(key) });

    expect((await rejection((await callerWithHeaders(otherHeaders)).twoFactor.status())).code).toBe("UNAUTHORIZED");
    expect((await (await callerWithHeaders(headers)).twoFactor.status()).enabled).toBe(true);
    expect(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(2);
  });
});

describe("key material never leaves except while enrolling", () => {
  it("keeps the sealed key, code hashes and session ids out of every procedure's output", async () => {
    const { user, headers, caller, key, enrollment, recoveryCodes: codes } = await enrollUser(107);
    const outputs: unknown[] = [];
    outputs.push(await caller.twoFactor.status());
    outputs.push(await caller.sessions.list());
    advance(30);
    outputs.push(await caller.twoFactor.regenerateRecoveryCodes({ code: codeFor(key) }));
    const pending = await callerWithHeaders(await signedInHeaders(user.id));
    advance(30);
    outputs.push(await pending.twoFactor.verifySignIn({ code: codeFor(key), next: "/account" }));
    outputs.push(await caller.sessions.revokeOthers());
    advance(30);
    outputs.push(await caller.twoFactor.disable({ password: "correct horse battery staple", code: codeFor(key) }));
    // The enrollment token is sealed: it must not carry the key in the clear either.
    outputs.push({ enrollmentToken: enrollment.enrollmentToken });

    const [row] = await db.select({ sealed: users.totpKeyEncrypted }).from(users).where(eq(users.id, user.id));
    expect(row!.sealed).toBeNull();
    const secrets = [
      encodeBase32NoPadding(key),
      encodeHexLowerCase(key),
      encodeBase64(key),
      ...codes.map((c) => hashToken(c.replace("-", ""))),
      ...(await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.id),
      headers.cookie!.split("=")[1]!,
    ];
    const wire = JSON.stringify(outputs.map((o) => superjson.serialize(o)));
    for (const secret of secrets) expect(wire).not.toContain(secret);
    const listed = outputs[1] as Array<Record<string, unknown>>;
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "current", "device", "id", "ip", "lastSeenAt"]);
  });
});
