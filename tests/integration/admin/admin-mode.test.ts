import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createRandom } from "@/lib/random";
import { ADMIN_MODE_REQUIRED } from "@/lib/admin-mode";
import { db } from "@/server/db/client";
import { createUser, FACTORY_PASSWORD } from "@/server/db/factories";
import { staffAuditLog, users } from "@/server/db/schema";
import { createTrpcContext } from "@/server/trpc/context";
import { createCallerFactory, router } from "@/server/trpc/init";
import { adminWriteProcedure } from "@/server/trpc/tiers";
import { callerWithHeaders } from "../../support/callers";
import { readJson, trpcMutation, type TrpcErrorBody } from "../../support/http";
import { signedInHeaders } from "../../support/sessions";
import { advance, codeFor, enrollUser, freezeTime, rejection } from "../two-factor/support";

beforeEach(() => freezeTime());
afterEach(() => vi.useRealTimers());

/** A staff write as any admin action is built: the tier alone decides whether it runs. */
const probe = router({ write: adminWriteProcedure("support").input(z.void()).output(z.literal("written")).mutation(() => "written" as const) });
const probeCaller = async (headers: Record<string, string>) =>
  createCallerFactory(probe)(await createTrpcContext({ headers: new Headers(headers), requestId: "req-admin-mode", resHeaders: new Headers() }));

let seed = 500;
async function staff(role: "support" | "admin" = "support") {
  const user = await createUser(db, createRandom(++seed), { email: `staff${seed}@example.test`, staffRole: role });
  const headers = await signedInHeaders(user.id, { twoFactorVerified: true });
  return { user, headers, caller: await callerWithHeaders(headers), probe: await probeCaller(headers) };
}

describe("admin mode", () => {
  it("refuses a staff write without it, with a reason the client recognises, and allows reads", async () => {
    const s = await staff();
    expect(await s.caller.admin.adminMode()).toEqual({ active: false, expiresAt: null, needsCode: false });
    const error = await rejection(s.probe.write());
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.reason).toBe(ADMIN_MODE_REQUIRED);
    expect(error.userMessage).toMatch(/admin mode/i);
  });

  it("is entered with the password, lasts 15 minutes on that session only, and then refuses again (frozen time)", async () => {
    const s = await staff();
    const status = await s.caller.admin.enterAdminMode({ password: FACTORY_PASSWORD });
    expect(status.active).toBe(true);
    expect(status.expiresAt?.getTime()).toBe(Date.now() + 15 * 60 * 1000);
    expect(await s.probe.write()).toBe("written");

    // Another session of the same staff member has not re-authenticated.
    const other = await probeCaller(await signedInHeaders(s.user.id, { twoFactorVerified: true }));
    expect((await rejection(other.write())).reason).toBe(ADMIN_MODE_REQUIRED);

    advance(14 * 60 + 59);
    expect(await s.probe.write()).toBe("written");
    advance(1);
    expect((await rejection(s.probe.write())).reason).toBe(ADMIN_MODE_REQUIRED);
    expect((await s.caller.admin.adminMode()).active).toBe(false);

    const [entry] = await db.select().from(staffAuditLog).where(and(eq(staffAuditLog.actorUserId, s.user.id), eq(staffAuditLog.action, "admin_mode.enter")));
    expect(entry).toBeDefined();
  });

  it("names the password field when it is wrong, and leaving ends it at once", async () => {
    const s = await staff();
    const res = await trpcMutation("admin.enterAdminMode", { password: "not the password" }, s.headers);
    expect(res.status).toBe(400);
    expect((await readJson<TrpcErrorBody>(res)).error.data.fieldErrors?.password?.[0]).toMatch(/isn't right/);
    expect((await rejection(s.probe.write())).reason).toBe(ADMIN_MODE_REQUIRED);

    await s.caller.admin.enterAdminMode({ password: FACTORY_PASSWORD });
    expect(await s.probe.write()).toBe("written");
    await s.caller.admin.exitAdminMode();
    expect((await rejection(s.probe.write())).reason).toBe(ADMIN_MODE_REQUIRED);
  });

  it("asks staff with two-factor on for a code too", async () => {
    const { user, key } = await enrollUser(++seed);
    await db.update(users).set({ staffRole: "admin" }).where(eq(users.id, user.id));
    const headers = await signedInHeaders(user.id, { twoFactorVerified: true });
    const caller = await callerWithHeaders(headers);
    expect((await caller.admin.adminMode()).needsCode).toBe(true);

    const missing = await rejection(caller.admin.enterAdminMode({ password: FACTORY_PASSWORD }));
    expect(missing.fieldErrors?.code?.[0]).toMatch(/code/);
    advance(30);
    const wrong = await rejection(caller.admin.enterAdminMode({ password: FACTORY_PASSWORD, code: codeFor(key) === "000000" ? "111111" : "000000" }));
    expect(wrong.fieldErrors?.code?.[0]).toMatch(/isn't right/);
    expect((await caller.admin.enterAdminMode({ password: FACTORY_PASSWORD, code: codeFor(key) })).active).toBe(true);
    expect(await (await probeCaller(headers)).write()).toBe("written");
  });

  it("is for staff only: members are refused admin mode and staff writes", async () => {
    const member = await createUser(db, createRandom(++seed), { email: `member${seed}@example.test` });
    const headers = await signedInHeaders(member.id, { twoFactorVerified: true });
    const caller = await callerWithHeaders(headers);
    expect((await rejection(caller.admin.enterAdminMode({ password: FACTORY_PASSWORD }))).code).toBe("FORBIDDEN");
    expect((await rejection((await probeCaller(headers)).write())).code).toBe("FORBIDDEN");
  });
});
