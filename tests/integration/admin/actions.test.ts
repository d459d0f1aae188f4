import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { reasonField, STAFF_REASON } from "@/features/admin/schemas";
import { ACCOUNT_LOCKED_MESSAGE } from "@/features/auth/schemas";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers, FACTORY_PASSWORD } from "@/server/db/factories";
import { accountDeletions, auditEvents, memberships, outbox, securityEvents, sessions, staffAuditLog, users } from "@/server/db/schema";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";
import { enrollUser, rejection } from "../two-factor/support";
import { fieldErrorsOf, rejection as trpcRejection } from "../flags/world";

const random = createRandom(9090);
let seq = 0;
const email = (tag: string) => `${tag}-${++seq}@actions.test`;

async function staff(role: "support" | "admin" = "support", adminMode = true) {
  const user = await createUser(db, random, { email: email("staff"), displayName: "Sam Support", staffRole: role });
  const caller = await callerWithHeaders(await signedInHeaders(user.id, { twoFactorVerified: true }));
  if (adminMode) await caller.admin.enterAdminMode({ password: FACTORY_PASSWORD });
  return { user, caller };
}

const mailTo = (to: string) => db.select({ subject: sql<string>`${outbox.payload}->>'subject'` }).from(outbox).where(and(eq(outbox.kind, "email"), sql`${outbox.payload}->>'to' = ${to}`));
const securityLog = (userId: string) => db.select().from(securityEvents).where(and(eq(securityEvents.userId, userId), eq(securityEvents.type, "support_action"))).orderBy(securityEvents.id);
const staffLog = (targetId: string) => db.select().from(staffAuditLog).where(eq(staffAuditLog.targetId, targetId)).orderBy(staffAuditLog.id);
const signIn = async (address: string) => (await callerWithHeaders({})).auth.signIn({ email: address, password: FACTORY_PASSWORD });

describe("admin actions", () => {
  it("need admin mode and a reason", async () => {
    const s = await staff("support", false);
    const target = await createUser(db, random, { email: email("t") });
    expect((await rejection(s.caller.admin.revokeSessions({ userId: target.id, reason: "Customer asked" }))).code).toBe("PRECONDITION_FAILED");
    await s.caller.admin.enterAdminMode({ password: FACTORY_PASSWORD });
    await expect(s.caller.admin.revokeSessions({ userId: target.id, reason: " " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("every account action (and impersonation) refuses a missing or too short reason on the reason field, and changes nothing", async () => {
    const s = await staff();
    const target = await createUser(db, random, { email: email("noreason"), emailVerifiedAt: null });
    const workspace = await createWorkspaceWithMembers(db, random, { owner: target });
    const actions: Array<[string, (reason: string | undefined) => Promise<unknown>]> = [
      ["resendVerification", (reason) => s.caller.admin.resendVerification({ userId: target.id, reason: reason! })],
      ["markVerified", (reason) => s.caller.admin.markVerified({ userId: target.id, reason: reason! })],
      ["sendPasswordReset", (reason) => s.caller.admin.sendPasswordReset({ userId: target.id, reason: reason! })],
      ["resetTwoFactor", (reason) => s.caller.admin.resetTwoFactor({ userId: target.id, reason: reason! })],
      ["revokeSessions", (reason) => s.caller.admin.revokeSessions({ userId: target.id, reason: reason! })],
      ["setLock", (reason) => s.caller.admin.setLock({ userId: target.id, locked: true, reason: reason! })],
      ["transferOwnership", (reason) => s.caller.admin.transferOwnership({ workspaceId: workspace.id, newOwnerId: target.id, reason: reason! })],
      ["deleteUser", (reason) => s.caller.admin.deleteUser({ userId: target.id, confirmEmail: target.email, reason: reason! })],
      ["impersonation.start", (reason) => s.caller.impersonation.start({ userId: target.id, reason: reason! })],
    ];
    const refusals = [];
    for (const [name, run] of actions) {
      for (const reason of [undefined, "  ", "ok"]) {
        const error = await trpcRejection(run(reason));
        refusals.push({ name, reason, code: error.code, field: fieldErrorsOf(error).reason?.[0] });
      }
    }
    // One rule (reasonField) for all of them, impersonation included: the same message for the same mistake.
    const ruleSays = (reason: string | undefined) => reasonField.safeParse(reason).error?.issues[0]?.message;
    expect(refusals).toEqual(actions.flatMap(([name]) => [undefined, "  ", "ok"].map((reason) => ({ name, reason, code: "BAD_REQUEST", field: ruleSays(reason) }))));
    expect(new Set(refusals.map((r) => r.field))).toEqual(new Set(["Give a reason", STAFF_REASON.tooShort]));
    expect(await staffLog(target.id)).toEqual([]);
    expect(await securityLog(target.id)).toEqual([]);
    const [row] = await db.select({ lockedAt: users.lockedAt, emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, target.id));
    expect(row).toEqual({ lockedAt: null, emailVerifiedAt: null });
  });

  it("lock refuses sign-in with a way to reach support and signs out; unlock lets the next sign-in through even after refused attempts", async () => {
    const s = await staff();
    const target = await createUser(db, random, { email: email("locked") });
    await signedInHeaders(target.id, { twoFactorVerified: true });
    await s.caller.admin.setLock({ userId: target.id, locked: true, reason: "Chargeback fraud review" });
    expect(await db.select().from(sessions).where(eq(sessions.userId, target.id))).toEqual([]);
    for (let i = 0; i < 6; i++) {
      const refused = await rejection(signIn(target.email));
      expect(refused.code).toBe("FORBIDDEN");
      expect(refused.userMessage).toBe(ACCOUNT_LOCKED_MESSAGE);
    }
    await s.caller.admin.setLock({ userId: target.id, locked: false, reason: "Review done" });
    expect((await signIn(target.email)).kind).toBe("signed_in");

    expect((await staffLog(target.id)).map((e) => [e.action, e.reason])).toEqual([
      ["user.lock", "Chargeback fraud review"],
      ["user.unlock", "Review done"],
    ]);
    expect((await securityLog(target.id)).map((e) => e.details)).toEqual(["Support (Sam Support) locked your account — Chargeback fraud review", "Support (Sam Support) unlocked your account — Review done"]);
    expect((await mailTo(target.email)).map((m) => m.subject)).toEqual(expect.arrayContaining(["Your Groundwork account is locked", "Your Groundwork account is unlocked"]));
  });

  it("resets two-factor (user emailed, signed out), revokes sessions, verifies and sends reset links", async () => {
    const s = await staff();
    const { user } = await enrollUser(9000 + ++seq);
    await s.caller.admin.resetTwoFactor({ userId: user.id, reason: "Lost phone, identity checked" });
    const [row] = await db.select({ totp: users.totpKeyEncrypted }).from(users).where(eq(users.id, user.id));
    expect(row!.totp).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([]);
    expect((await mailTo(user.email)).map((m) => m.subject)).toContain("Two-factor authentication was turned off");
    expect((await rejection(s.caller.admin.resetTwoFactor({ userId: user.id, reason: "again" }))).code).toBe("CONFLICT");

    const other = await createUser(db, random, { email: email("unverified"), emailVerifiedAt: null });
    await signedInHeaders(other.id, { twoFactorVerified: true });
    expect((await s.caller.admin.revokeSessions({ userId: other.id, reason: "Shared laptop" })).message).toMatch(/1 session/);
    await s.caller.admin.resendVerification({ userId: other.id, reason: "Mail lost" });
    await s.caller.admin.sendPasswordReset({ userId: other.id, reason: "Forgot password" });
    expect((await mailTo(other.email)).map((m) => m.subject).sort()).toEqual(["Reset your password", "Verify your email address"]);
    await s.caller.admin.markVerified({ userId: other.id, reason: "Confirmed by phone" });
    expect((await rejection(s.caller.admin.markVerified({ userId: other.id, reason: "again" }))).code).toBe("CONFLICT");
    expect((await staffLog(other.id)).map((e) => e.action)).toEqual(["user.revoke_sessions", "user.resend_verification", "user.send_password_reset", "user.mark_verified"]);
    // Each is in the user's own security log too, with who on support did it and why.
    expect((await securityLog(user.id)).map((e) => e.details)).toEqual(["Support (Sam Support) turned off two-factor authentication and signed you out — Lost phone, identity checked"]);
    expect((await securityLog(other.id)).map((e) => e.details)).toEqual([
      "Support (Sam Support) signed you out on every device (1) — Shared laptop",
      "Support (Sam Support) sent you a new verification link — Mail lost",
      "Support (Sam Support) sent you a password reset link — Forgot password",
      "Support (Sam Support) marked your email address verified — Confirmed by phone",
    ]);
  });

  it("support can't change staff accounts or their own; an admin can", async () => {
    const s = await staff("support");
    const admin = await staff("admin");
    expect((await rejection(s.caller.admin.revokeSessions({ userId: admin.user.id, reason: "Testing" }))).code).toBe("FORBIDDEN");
    expect((await rejection(s.caller.admin.revokeSessions({ userId: s.user.id, reason: "Testing" }))).code).toBe("FORBIDDEN");
    expect((await admin.caller.admin.revokeSessions({ userId: s.user.id, reason: "Offboarding" })).ok).toBe(true);
  });

  it("transfers ownership to a member when the owner is gone", async () => {
    const s = await staff();
    const [owner, member, outsider] = await Promise.all([createUser(db, random, { email: email("owner") }), createUser(db, random, { email: email("member") }), createUser(db, random, { email: email("out") })]);
    const workspace = await createWorkspaceWithMembers(db, random, { owner, members: [{ user: member, role: "member" }] });
    const notMember = await rejection(s.caller.admin.transferOwnership({ workspaceId: workspace.id, newOwnerId: outsider.id, reason: "Owner left" }));
    expect(notMember.fieldErrors?.newOwnerId).toBeDefined();
    await s.caller.admin.transferOwnership({ workspaceId: workspace.id, newOwnerId: member.id, reason: "Owner left the company" });
    const roles = await db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.workspaceId, workspace.id));
    expect(Object.fromEntries(roles.map((r) => [r.userId, r.role]))).toEqual({ [owner.id]: "admin", [member.id]: "owner" });
    expect((await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspace.id))).map((e) => e.action)).toContain("workspace.ownership_transferred_by_support");
    expect((await securityLog(member.id))[0]!.details).toMatch(/made you the owner/);
  });

  it("deletes a user only when confirmed, after an export, and never strands a workspace", async () => {
    const s = await staff();
    const [target, colleague] = await Promise.all([createUser(db, random, { email: email("gone") }), createUser(db, random, { email: email("colleague") })]);
    const shared = await createWorkspaceWithMembers(db, random, { owner: target, members: [{ user: colleague, role: "member" }] });
    const solo = await createWorkspaceWithMembers(db, random, { owner: target });

    const unconfirmed = await rejection(s.caller.admin.deleteUser({ userId: target.id, reason: "GDPR request", confirmEmail: "someone@else.test" }));
    expect(unconfirmed.fieldErrors?.confirmEmail).toBeDefined();
    const stranded = await rejection(s.caller.admin.deleteUser({ userId: target.id, reason: "GDPR request", confirmEmail: target.email }));
    expect(stranded.code).toBe("CONFLICT");
    expect(stranded.userMessage).toContain(shared.slug);

    await s.caller.admin.transferOwnership({ workspaceId: shared.id, newOwnerId: colleague.id, reason: "Owner leaving" });
    await s.caller.admin.deleteUser({ userId: target.id, reason: "GDPR request", confirmEmail: target.email.toUpperCase() });
    expect(await db.select().from(users).where(eq(users.id, target.id))).toEqual([]);
    const [record] = await db.select().from(accountDeletions).where(eq(accountDeletions.userId, target.id));
    expect(record).toMatchObject({ email: target.email, deletedByUserId: s.user.id, reason: "GDPR request" });
    expect(record!.exportFile.subarray(0, 2).toString()).toBe("PK");
    expect(record!.exportSize).toBe(record!.exportFile.length);
    expect((await staffLog(target.id)).map((e) => e.action)).toContain("user.delete");
    expect(await db.select().from(memberships).where(eq(memberships.workspaceId, solo.id))).toEqual([]);
    expect(await db.select().from(memberships).where(eq(memberships.workspaceId, shared.id))).toHaveLength(1);
  });
});
