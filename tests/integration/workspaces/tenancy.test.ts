import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { workspaces } from "@/server/db/schema";
import { auditOf, invitesIn, makeWorld, rolesIn } from "./world";

/**
 * A member (even an owner) of workspace A names A's slug but passes B's user ids and invite
 * ids, or names B's slug outright: every procedure answers NOT_FOUND and B is untouched.
 */
describe("tenant isolation", () => {
  async function twoWorkspaces() {
    const a = await makeWorld("Alpha Inc");
    const b = await makeWorld("Beta Inc");
    await b.as.owner.workspaces.invite({ workspaceSlug: b.workspace.slug, email: "b-invitee@example.test", role: "member" });
    const [bInvite] = await invitesIn(b.workspace.id);
    const snapshot = async () => ({
      roles: await rolesIn(b.workspace.id),
      invites: await invitesIn(b.workspace.id),
      workspace: (await db.select().from(workspaces).where(eq(workspaces.id, b.workspace.id)))[0],
      audit: (await auditOf(b.workspace.id)).length,
    });
    return { a, b, bInvite: bInvite!, before: await snapshot(), snapshot };
  }

  it("ids from B inside A's slug are not found", async () => {
    const { a, b, bInvite, before, snapshot } = await twoWorkspaces();
    const slug = a.workspace.slug;
    const attempts = [
      () => a.as.owner.workspaces.changeRole({ workspaceSlug: slug, userId: b.member.id, role: "admin" }),
      () => a.as.owner.workspaces.changeRole({ workspaceSlug: slug, userId: b.owner.id, role: "member" }),
      () => a.as.owner.workspaces.removeMember({ workspaceSlug: slug, userId: b.member.id }),
      () => a.as.owner.workspaces.removeMember({ workspaceSlug: slug, userId: b.owner.id }),
      () => a.as.owner.workspaces.transferOwnership({ workspaceSlug: slug, userId: b.admin.id }),
      () => a.as.owner.workspaces.resendInvite({ workspaceSlug: slug, inviteId: bInvite.id }),
      () => a.as.owner.workspaces.revokeInvite({ workspaceSlug: slug, inviteId: bInvite.id }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await a.as.owner.workspaces.auditLog({ workspaceSlug: slug, limit: 100, actorUserId: b.owner.id })).toEqual({ items: [], nextCursor: null });
    expect(await snapshot()).toEqual(before);
  });

  it("B's slug is not found for a member of A, for every procedure", async () => {
    const { a, b, bInvite, before, snapshot } = await twoWorkspaces();
    const slug = b.workspace.slug;
    const c = a.as.owner.workspaces;
    const attempts = [
      () => c.get({ workspaceSlug: slug }),
      () => c.members({ workspaceSlug: slug }),
      () => c.auditLog({ workspaceSlug: slug, limit: 10 }),
      () => c.rename({ workspaceSlug: slug, name: "Hijacked" }),
      () => c.changeRole({ workspaceSlug: slug, userId: b.member.id, role: "admin" }),
      () => c.removeMember({ workspaceSlug: slug, userId: b.member.id }),
      () => c.leave({ workspaceSlug: slug }),
      () => c.transferOwnership({ workspaceSlug: slug, userId: a.owner.id }),
      () => c.delete({ workspaceSlug: slug, confirmName: b.workspace.name }),
      () => c.invite({ workspaceSlug: slug, email: "x@example.test", role: "admin" }),
      () => c.resendInvite({ workspaceSlug: slug, inviteId: bInvite.id }),
      () => c.revokeInvite({ workspaceSlug: slug, inviteId: bInvite.id }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot()).toEqual(before);
  });

  it("mine lists only the viewer's own workspaces", async () => {
    const { a, b } = await twoWorkspaces();
    const slugs = (await a.as.member.workspaces.mine()).map((w) => w.slug);
    expect(slugs).toEqual([a.workspace.slug]);
    expect(slugs).not.toContain(b.workspace.slug);
  });
});
