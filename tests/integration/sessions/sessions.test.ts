import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sessionCookieName } from "@/server/auth/cookies";
import { createSession } from "@/server/auth/session";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser } from "@/server/db/factories";
import { securityEvents, sessions } from "@/server/db/schema";
import { createTrpcContext } from "@/server/trpc/context";
import { TRPCError } from "@trpc/server";
import { AppError } from "@/server/errors";
import { callerWithHeaders } from "../../support/callers";
import { readJson, trpcMutation, type TrpcErrorBody } from "../../support/http";

const T0 = Date.UTC(2026, 5, 1, 12, 0, 0);
const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

async function signIn(userId: string, opts: { userAgent?: string | null; ip?: string; twoFactorVerified?: boolean } = {}) {
  const session = await createSession(db, {
    userId,
    ip: opts.ip ?? "203.0.113.9",
    userAgent: opts.userAgent === undefined ? CHROME_LINUX : opts.userAgent,
    twoFactorVerified: opts.twoFactorVerified ?? false,
  });
  return { ...session, headers: { cookie: `${sessionCookieName()}=${session.token}` } };
}

const viewerOf = async (headers: Record<string, string>) => (await createTrpcContext({ headers: new Headers(headers), requestId: "t" })).viewer;

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).cause as AppError;
}

describe("the sessions list", () => {
  it("shows only the viewer's live sessions, described, with opaque ids and the current one marked first", async () => {
    const me = await createUser(db, createRandom(401));
    const someoneElse = await createUser(db, createRandom(402));
    const phone = await signIn(me.id, { userAgent: SAFARI_IPHONE, ip: "198.51.100.4" });
    vi.setSystemTime(T0 + 60_000);
    const laptop = await signIn(me.id);
    vi.setSystemTime(T0 + 120_000);
    const unknown = await signIn(me.id, { userAgent: null });
    await signIn(someoneElse.id);
    const expired = await signIn(me.id);
    await db.update(sessions).set({ expiresAt: new Date(T0) }).where(eq(sessions.id, expired.id));

    const list = await (await callerWithHeaders(laptop.headers)).sessions.list();
    expect(list).toEqual([
      { id: laptop.id.slice(0, 16), device: "Chrome 156 on Linux", ip: "203.0.113.9", createdAt: new Date(T0 + 60_000), lastSeenAt: new Date(T0 + 60_000), current: true },
      { id: unknown.id.slice(0, 16), device: "Unknown device", ip: "203.0.113.9", createdAt: new Date(T0 + 120_000), lastSeenAt: new Date(T0 + 120_000), current: false },
      { id: phone.id.slice(0, 16), device: "Mobile Safari 17 on iOS", ip: "198.51.100.4", createdAt: new Date(T0), lastSeenAt: new Date(T0), current: false },
    ]);
  });

  it("is closed to a session still owing its second factor", async () => {
    const me = await createUser(db, createRandom(403), { totpKeyEncrypted: new Uint8Array(40) });
    const pending = await signIn(me.id, { twoFactorVerified: false });
    expect((await rejection((await callerWithHeaders(pending.headers)).sessions.list())).code).toBe("UNAUTHORIZED");
  });
});

describe("revoking sessions", () => {
  it("signs out one of the viewer's other sessions: its cookie stops working", async () => {
    const me = await createUser(db, createRandom(404));
    const here = await signIn(me.id);
    const there = await signIn(me.id, { userAgent: SAFARI_IPHONE });
    const caller = await callerWithHeaders(here.headers);
    expect(await viewerOf(there.headers)).not.toBeNull();

    expect(await caller.sessions.revoke({ id: there.id.slice(0, 16) })).toEqual({ signedOut: false });
    expect(await viewerOf(there.headers)).toBeNull();
    expect(await viewerOf(here.headers)).not.toBeNull();
    expect((await caller.sessions.list()).map((s) => s.id)).toEqual([here.id.slice(0, 16)]);
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, me.id));
    expect(events).toMatchObject([{ type: "session_revoked", details: "Signed out Mobile Safari 17 on iOS (203.0.113.9)" }]);
  });

  it("answers NOT_FOUND for another user's session and leaves it signed in", async () => {
    const me = await createUser(db, createRandom(405));
    const victim = await createUser(db, createRandom(406));
    const mine = await signIn(me.id);
    const theirs = await signIn(victim.id);
    const error = await rejection((await callerWithHeaders(mine.headers)).sessions.revoke({ id: theirs.id.slice(0, 16) }));
    expect(error.code).toBe("NOT_FOUND");
    expect((await viewerOf(theirs.headers))?.userId).toBe(victim.id);
    expect(await db.select().from(securityEvents).where(eq(securityEvents.userId, me.id))).toEqual([]);
  });

  it("rejects ids that are not session ids, naming the field", async () => {
    const me = await createUser(db, createRandom(407));
    const mine = await signIn(me.id);
    const res = await trpcMutation("sessions.revoke", { id: mine.id }, mine.headers);
    expect(res.status).toBe(400);
    expect((await readJson<TrpcErrorBody>(res)).error.data.fieldErrors?.id).toEqual(["That session doesn't exist"]);
  });

  it("signs out and clears the cookie when the session revoked is the current one", async () => {
    const me = await createUser(db, createRandom(408));
    const here = await signIn(me.id);
    const res = await trpcMutation("sessions.revoke", { id: here.id.slice(0, 16) }, here.headers);
    expect(res.status).toBe(200);
    expect((await readJson<{ result: { data: unknown } }>(res)).result.data).toEqual({ signedOut: true });
    expect(res.headers.get("set-cookie")).toMatch(new RegExp(`^${sessionCookieName()}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`));
    expect(await viewerOf(here.headers)).toBeNull();
  });

  it("signs out every other session and keeps the current one", async () => {
    const me = await createUser(db, createRandom(409));
    const other = await createUser(db, createRandom(410));
    const here = await signIn(me.id);
    const a = await signIn(me.id);
    const b = await signIn(me.id, { userAgent: SAFARI_IPHONE });
    const untouched = await signIn(other.id);
    const caller = await callerWithHeaders(here.headers);

    expect(await caller.sessions.revokeOthers()).toEqual({ count: 2 });
    expect(await viewerOf(a.headers)).toBeNull();
    expect(await viewerOf(b.headers)).toBeNull();
    expect(await viewerOf(here.headers)).not.toBeNull();
    expect(await viewerOf(untouched.headers)).not.toBeNull();
    expect(await caller.sessions.list()).toMatchObject([{ id: here.id.slice(0, 16), current: true }]);
    expect(await caller.sessions.revokeOthers()).toEqual({ count: 0 });
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, me.id));
    expect(events).toMatchObject([{ type: "session_revoked", details: "Signed out 2 other sessions" }]);
  });
});
