import { and, desc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "info";
});
import { STAFF_REASON } from "@/features/admin/constants";
import { endAdminMode } from "@/server/auth/admin-mode";
import { db } from "@/server/db/client";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { devMailbox, impersonationSessions, securityEvents, staffAuditLog } from "@/server/db/schema";
import { captureLogs } from "../../support/logs";
import { call, makeWorld, sessionIdOf, startOverHttp } from "./world";

afterEach(() => vi.useRealTimers());

const me = async (headers: Record<string, string>) => ((await call("auth.me", undefined, headers, "query")).body.result?.data ?? null) as { id: string } | null;

describe("impersonation", () => {
  it("starts from staff with a reason: requests act as the user, the staff session stays, the user is told", async () => {
    const w = await makeWorld();
    const started = await startOverHttp(w.staff.id, w.user.id);
    expect(started.res.status).toBe(200);
    expect(started.body.result?.data.redirectTo).toBe("/app");
    expect(started.res.headers.getSetCookie().join()).toMatch(/gw_impersonation=[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax/);

    expect((await me(started.headers))?.id).toBe(w.user.id);
    // The staff member's own session is untouched: without the impersonation cookie they are themselves.
    expect((await me(started.staffHeaders))?.id).toBe(w.staff.id);

    const [event] = await db.select().from(securityEvents).where(and(eq(securityEvents.userId, w.user.id), eq(securityEvents.type, "support_viewed")));
    expect(event?.details).toBe(`Support (${w.staff.displayName}) viewed your account — Ticket 42: their board looks empty`);
    expect(event?.ip).toBeNull();
    const mail = await db.select().from(devMailbox).where(eq(devMailbox.to, w.user.email));
    expect(mail.map((m) => m.subject)).toContain("Support viewed your account");
    expect(mail.find((m) => m.subject === "Support viewed your account")?.text).toContain("Ticket 42: their board looks empty");
    const [audit] = await db.select().from(staffAuditLog).where(and(eq(staffAuditLog.targetId, w.user.id), eq(staffAuditLog.action, "impersonation.started")));
    expect(audit).toMatchObject({ actorUserId: w.staff.id, reason: "Ticket 42: their board looks empty" });
  });

  it("puts the impersonator's id on every log line of the request", async () => {
    const w = await makeWorld();
    const { headers } = await startOverHttp(w.staff.id, w.user.id);
    const { lines } = await captureLogs(() => call("workspaces.mine", undefined, headers, "query"));
    const request = lines.find((l) => l.msg === "request");
    expect(request).toMatchObject({ userId: w.user.id, impersonatorId: w.staff.id });
  });

  it("needs admin mode to start; non-staff can't start at all", async () => {
    const w = await makeWorld();
    const without = await startOverHttp(w.staff.id, w.user.id, "Ticket 42: their board looks empty", { adminMode: false });
    expect(without.res.status).toBe(412);
    expect(without.body.error?.data).toMatchObject({ reason: "admin_mode_required" });
    expect(without.res.headers.getSetCookie().join()).not.toMatch(/gw_impersonation/);
    const byUser = await startOverHttp(w.user.id, w.staff.id);
    expect(byUser.res.status).toBe(403);
  });

  it("refuses a reason that is missing or too short by field, and staff accounts as targets", async () => {
    const w = await makeWorld();
    const short = await startOverHttp(w.staff.id, w.user.id, "hm");
    expect(short.res.status).toBe(400);
    expect(short.body.error?.data.fieldErrors?.reason?.[0]).toBe(STAFF_REASON.tooShort);
    const other = await makeWorld();
    const staffTarget = await startOverHttp(w.staff.id, other.staff.id);
    expect(staffTarget.res.status).toBe(403);
    expect(staffTarget.body.error?.data.userMessage).toMatch(/Staff accounts can't be impersonated/);
  });

  it("is read-only by default: a vote is refused with a message; write mode (its own reason) lets it through", async () => {
    const w = await makeWorld();
    const { headers } = await startOverHttp(w.staff.id, w.user.id);
    const vote = { workspaceSlug: w.workspace.slug, postId: w.post.id, voted: true };
    const refused = await call("feedback.setVote", vote, headers, "mutation");
    expect(refused.status).toBe(403);
    expect(refused.body.error?.data.userMessage).toMatch(/^Read-only: you are impersonating this account/);
    // Reads still work.
    expect((await call("feedback.boards", { workspaceSlug: w.workspace.slug }, headers, "query")).status).toBe(200);

    // The same reason rule as every account action (reasonField): "abc" is enough, "ab" is not.
    const tooShort = await call("impersonation.enableWrite", { reason: "ab" }, headers, "mutation");
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error?.data.fieldErrors?.reason).toEqual([STAFF_REASON.tooShort]);
    expect((await call("impersonation.enableWrite", { reason: "Ticket 42: vote as they asked" }, headers, "mutation")).status).toBe(200);
    expect((await call("feedback.setVote", vote, headers, "mutation")).status).toBe(200);

    const [row] = await db.select().from(impersonationSessions).where(eq(impersonationSessions.targetUserId, w.user.id));
    expect(row).toMatchObject({ mode: "write", writeReason: "Ticket 42: vote as they asked" });
    const events = await db.select().from(securityEvents).where(eq(securityEvents.userId, w.user.id)).orderBy(desc(securityEvents.id));
    expect(events[0]).toMatchObject({ type: "support_write_mode", details: `Support (${w.staff.displayName}) can now make changes for you — Ticket 42: vote as they asked` });
  });

  it("expires after 15 minutes server-side (frozen time); extends once, with a new reason, for 15 more", async () => {
    const t0 = Date.UTC(2026, 11, 5, 9, 0, 0);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(t0);
    const w = await makeWorld();
    const { headers } = await startOverHttp(w.staff.id, w.user.id);

    vi.setSystemTime(t0 + 14 * 60_000 + 59_000);
    expect((await me(headers))?.id).toBe(w.user.id);
    vi.setSystemTime(t0 + 15 * 60_000);
    // Expired: the same cookies are the staff member again, and the impersonation's procedures refuse.
    expect((await me(headers))?.id).toBe(w.staff.id);
    expect((await call("impersonation.extend", { reason: "Ticket 42: need longer" }, headers, "mutation")).status).toBe(403);

    const second = await startOverHttp(w.staff.id, w.user.id, "Ticket 43: one more look");
    vi.setSystemTime(t0 + 25 * 60_000);
    const short = await call("impersonation.extend", { reason: "ab" }, second.headers, "mutation");
    expect(short.status).toBe(400);
    expect(short.body.error?.data.fieldErrors?.reason).toEqual([STAFF_REASON.tooShort]);
    const extended = await call("impersonation.extend", { reason: "Ticket 43: still reproducing" }, second.headers, "mutation");
    expect(extended.status).toBe(200);
    expect((extended.body.result?.data as { expiresAt: Date }).expiresAt.getTime()).toBe(t0 + 40 * 60_000);
    const again = await call("impersonation.extend", { reason: "Ticket 43: and again" }, second.headers, "mutation");
    expect(again.status).toBe(409);
    expect(again.body.error?.data.userMessage).toMatch(/already extended once/);

    vi.setSystemTime(t0 + 39 * 60_000);
    expect((await me(second.headers))?.id).toBe(w.user.id);
    vi.setSystemTime(t0 + 40 * 60_000);
    expect((await me(second.headers))?.id).toBe(w.staff.id);
  });

  it("write mode re-requires admin mode: without it 412, a wrong password is a field error, the right one switches", async () => {
    const w = await makeWorld();
    const { headers, staffHeaders } = await startOverHttp(w.staff.id, w.user.id);
    await endAdminMode(db, sessionIdOf(staffHeaders));
    const status = (await call("impersonation.current", undefined, headers, "query")).body.result?.data as { adminMode: { active: boolean }; mode: string };
    expect(status).toMatchObject({ mode: "read", adminMode: { active: false } });
    const reason = "Ticket 42: vote as they asked";
    expect((await call("impersonation.enableWrite", { reason }, headers, "mutation")).status).toBe(412);
    const wrong = await call("impersonation.enableWrite", { reason, password: "not the password" }, headers, "mutation");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.data.fieldErrors?.password?.[0]).toBe("That password isn't right.");
    expect((await call("impersonation.enableWrite", { reason, password: FACTORY_PASSWORD }, headers, "mutation")).status).toBe(200);
    expect((await call("impersonation.current", undefined, headers, "query")).body.result?.data).toMatchObject({ mode: "write", adminMode: { active: true } });
  });

  it("Stop ends it, clears the cookie and returns to the user's admin page; the staff session carries on", async () => {
    const w = await makeWorld();
    const { headers } = await startOverHttp(w.staff.id, w.user.id);
    const stopped = await call("impersonation.stop", undefined, headers, "mutation");
    expect(stopped.body.result?.data).toEqual({ redirectTo: `/admin/users/${w.user.id}` });
    expect(stopped.res.headers.getSetCookie().join()).toMatch(/gw_impersonation=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0/);
    // Even a browser that kept the old cookie is the staff member now.
    expect((await me(headers))?.id).toBe(w.staff.id);
    const [audit] = await db.select().from(staffAuditLog).where(and(eq(staffAuditLog.targetId, w.user.id), eq(staffAuditLog.action, "impersonation.stopped")));
    expect(audit?.actorUserId).toBe(w.staff.id);
  });

  it("only applies on top of the staff session it was started from", async () => {
    const w = await makeWorld();
    const { headers, staffHeaders } = await startOverHttp(w.staff.id, w.user.id);
    const impersonationCookie = headers.cookie.split("; ").find((c) => c.startsWith("gw_impersonation="))!;
    const otherSession = (await startOverHttp(w.staff.id, (await makeWorld()).user.id)).staffHeaders;
    // The impersonation cookie replayed beside another session of the same staff member: ignored.
    expect((await me({ cookie: `${otherSession.cookie}; ${impersonationCookie}` }))?.id).toBe(w.staff.id);
    expect((await me({ cookie: `${staffHeaders.cookie}; ${impersonationCookie}` }))?.id).toBe(w.user.id);
  });
});
