import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { securityEvents, staffAuditLog, users } from "@/server/db/schema";
import { callerFor, makeWorld, newUser, type World } from "./world";

type Who = "owner" | "admin" | "member" | "outsider" | "anonymous";
type Outcome = "ok" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT";
type Caller = World["as"]["owner"];

/** Each row runs against a fresh world, so a mutation allowed for one role can't affect another. */
const matrix: Array<{ name: string; call: (c: Caller, w: World) => Promise<unknown>; expect: Record<Who, Outcome> }> = [
  {
    name: "get",
    call: (c, w) => c.workspaces.get({ workspaceSlug: w.workspace.slug }),
    expect: { owner: "ok", admin: "ok", member: "ok", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "members",
    call: (c, w) => c.workspaces.members({ workspaceSlug: w.workspace.slug }),
    expect: { owner: "ok", admin: "ok", member: "ok", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "rename",
    call: (c, w) => c.workspaces.rename({ workspaceSlug: w.workspace.slug, name: "Renamed" }),
    expect: { owner: "ok", admin: "ok", member: "FORBIDDEN", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "auditLog",
    call: (c, w) => c.workspaces.auditLog({ workspaceSlug: w.workspace.slug, limit: 10 }),
    expect: { owner: "ok", admin: "ok", member: "FORBIDDEN", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "invite",
    call: (c, w) => c.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "new.person@example.test", role: "member" }),
    expect: { owner: "ok", admin: "ok", member: "FORBIDDEN", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "changeRole (member → admin)",
    call: (c, w) => c.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.member.id, role: "admin" }),
    // The member targets themself: refused (own role) before anything else.
    expect: { owner: "ok", admin: "ok", member: "FORBIDDEN", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "changeRole (make owner)",
    call: (c, w) => c.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.admin.id, role: "owner" }),
    expect: { owner: "ok", admin: "FORBIDDEN", member: "FORBIDDEN", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "removeMember (the member)",
    call: (c, w) => c.workspaces.removeMember({ workspaceSlug: w.workspace.slug, userId: w.member.id }),
    expect: { owner: "ok", admin: "ok", member: "FORBIDDEN", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "removeMember (the owner)",
    call: (c, w) => c.workspaces.removeMember({ workspaceSlug: w.workspace.slug, userId: w.owner.id }),
    // The owner removing themself would leave no owner.
    expect: { owner: "CONFLICT", admin: "FORBIDDEN", member: "FORBIDDEN", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "leave",
    call: (c, w) => c.workspaces.leave({ workspaceSlug: w.workspace.slug }),
    expect: { owner: "CONFLICT", admin: "ok", member: "ok", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "transferOwnership",
    call: (c, w) => c.workspaces.transferOwnership({ workspaceSlug: w.workspace.slug, userId: w.admin.id }),
    expect: { owner: "ok", admin: "FORBIDDEN", member: "FORBIDDEN", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "delete",
    call: (c, w) => c.workspaces.delete({ workspaceSlug: w.workspace.slug, confirmName: w.workspace.name }),
    expect: { owner: "ok", admin: "FORBIDDEN", member: "FORBIDDEN", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "mine",
    call: (c) => c.workspaces.mine(),
    expect: { owner: "ok", admin: "ok", member: "ok", outsider: "ok", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "create",
    call: (c) => c.workspaces.create({ name: "Side Project" }),
    expect: { owner: "ok", admin: "ok", member: "ok", outsider: "ok", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "acceptInvite (unknown token)",
    call: (c) => c.workspaces.acceptInvite({ token: "nope" }),
    expect: { owner: "NOT_FOUND", admin: "NOT_FOUND", member: "NOT_FOUND", outsider: "NOT_FOUND", anonymous: "UNAUTHORIZED" },
  },
  {
    name: "invitePreview (unknown token)",
    call: (c) => c.workspaces.invitePreview({ token: "nope" }),
    expect: { owner: "NOT_FOUND", admin: "NOT_FOUND", member: "NOT_FOUND", outsider: "NOT_FOUND", anonymous: "NOT_FOUND" },
  },
];

async function outcome(promise: Promise<unknown>): Promise<Outcome> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return (error as { code: Outcome }).code;
  }
}

describe("who may call what", () => {
  for (const row of matrix) {
    it(`${row.name}: ${Object.entries(row.expect).map(([who, o]) => `${who}=${o}`).join(" ")}`, async () => {
      const got: Partial<Record<Who, Outcome>> = {};
      for (const who of Object.keys(row.expect) as Who[]) {
        const world = await makeWorld();
        got[who] = await outcome(row.call(world.as[who], world));
      }
      expect(got).toEqual(row.expect);
    });
  }

  it("members: admins see pending invites, plain members don't", async () => {
    const w = await makeWorld();
    await w.as.admin.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "pending@example.test", role: "member" });
    const asAdmin = await w.as.admin.workspaces.members({ workspaceSlug: w.workspace.slug });
    const asMember = await w.as.member.workspaces.members({ workspaceSlug: w.workspace.slug });
    expect(asAdmin.invites?.map((i) => i.email)).toEqual(["pending@example.test"]);
    expect(asMember.invites).toBeNull();
    expect(asMember.members.map((m) => m.role)).toEqual(["owner", "admin", "member"]);
  });

  it("get: returns the viewer's role and the member count", async () => {
    const w = await makeWorld("Counted");
    expect(await w.as.member.workspaces.get({ workspaceSlug: w.workspace.slug })).toEqual({
      slug: w.workspace.slug,
      name: "Counted",
      personal: false,
      role: "member",
      memberCount: 3,
    });
  });

  it("mine: personal workspace first, then by name", async () => {
    const user = await newUser();
    const caller = await callerFor(user);
    await caller.workspaces.create({ name: "zeta" });
    await caller.workspaces.create({ name: "Alpha" });
    const { createWorkspaceWithMembers } = await import("@/server/db/factories");
    const { nextRandom } = await import("./world");
    await createWorkspaceWithMembers(db, nextRandom(), { owner: user, name: "Personal", personal: true });
    expect((await caller.workspaces.mine()).map((w) => [w.name, w.personal, w.role])).toEqual([
      ["Personal", true, "owner"],
      ["Alpha", false, "owner"],
      ["zeta", false, "owner"],
    ]);
  });

  it("create: makes the viewer owner and a slug from the name", async () => {
    const user = await newUser();
    const caller = await callerFor(user);
    const { slug } = await caller.workspaces.create({ name: "Ünïcode Café ☕" });
    expect(slug).toBe("unicode-cafe");
    expect(await caller.workspaces.get({ workspaceSlug: slug })).toMatchObject({ name: "Ünïcode Café ☕", role: "owner", memberCount: 1 });
    const again = await caller.workspaces.create({ name: "Ünïcode Café ☕" });
    expect(again.slug).toBe("unicode-cafe-2");
    // "/w/new" is the create page, so no workspace may take the slug "new".
    expect((await caller.workspaces.create({ name: "New" })).slug).toBe("new-2");
  });
});

describe("staff roles", () => {
  it("only a staff admin grants a staff role, never to themself", async () => {
    const [staffAdmin, support, plain, target] = [await newUser({ staffRole: "admin" }), await newUser({ staffRole: "support" }), await newUser(), await newUser()];
    const reason = "New support hire";
    await expect((await callerFor(plain)).staff.setStaffRole({ userId: target.id, role: "support", reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect((await callerFor(support)).staff.setStaffRole({ userId: target.id, role: "admin", reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect((await callerFor(null)).staff.setStaffRole({ userId: target.id, role: "admin", reason })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const admin = await callerFor(staffAdmin);
    await admin.admin.enterAdminMode({ password: FACTORY_PASSWORD });
    await expect(admin.staff.setStaffRole({ userId: staffAdmin.id, role: null, reason })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(admin.staff.setStaffRole({ userId: "0190f0f0-0000-7000-8000-000000000000", role: "support", reason })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await admin.staff.setStaffRole({ userId: target.id, role: "product", reason })).toEqual({ userId: target.id, staffRole: "product" });
    expect((await db.select({ r: users.staffRole }).from(users).where(eq(users.id, target.id)))[0]!.r).toBe("product");
    expect(await admin.staff.setStaffRole({ userId: target.id, role: null, reason: "Left the team" })).toEqual({ userId: target.id, staffRole: null });
  });

  it("needs admin mode and a reason, and is in the staff audit log and the person's security log", async () => {
    const [staffAdmin, target] = [await newUser({ staffRole: "admin", displayName: "Ada Admin" }), await newUser()];
    const admin = await callerFor(staffAdmin);
    await expect(admin.staff.setStaffRole({ userId: target.id, role: "support", reason: "New support hire" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await admin.admin.enterAdminMode({ password: FACTORY_PASSWORD });
    await expect(admin.staff.setStaffRole({ userId: target.id, role: "support", reason: " " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await db.select({ r: users.staffRole }).from(users).where(eq(users.id, target.id)))[0]!.r).toBeNull();

    await admin.staff.setStaffRole({ userId: target.id, role: "support", reason: "New support hire" });
    await admin.staff.setStaffRole({ userId: target.id, role: null, reason: "Left the team" });
    const entries = await db.select().from(staffAuditLog).where(eq(staffAuditLog.targetId, target.id)).orderBy(staffAuditLog.id);
    expect(entries.map((e) => ({ action: e.action, by: e.actorEmail, reason: e.reason, before: e.before, after: e.after }))).toEqual([
      { action: "user.set_staff_role", by: staffAdmin.email, reason: "New support hire", before: { staffRole: null }, after: { staffRole: "support" } },
      { action: "user.set_staff_role", by: staffAdmin.email, reason: "Left the team", before: { staffRole: "support" }, after: { staffRole: null } },
    ]);
    const told = await db.select({ details: securityEvents.details }).from(securityEvents).where(and(eq(securityEvents.userId, target.id), eq(securityEvents.type, "support_action"))).orderBy(securityEvents.id);
    expect(told.map((e) => e.details)).toEqual(["Support (Ada Admin) gave you the support staff role — New support hire", "Support (Ada Admin) removed your staff role — Left the team"]);
  });
});
