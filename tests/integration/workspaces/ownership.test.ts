import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { changeMemberRole } from "@/features/workspaces/server/change-member-role";
import { auditOf, makeWorld, rolesIn } from "./world";
import { readJson, trpcMutation, type TrpcErrorBody } from "../../support/http";
import { signedInHeaders } from "../../support/sessions";

const NEEDS_AN_OWNER = "A workspace needs at least one owner. Make someone else owner first.";

describe("every workspace keeps an owner", () => {
  it("the last owner removing themself is a 409 with a message, not a 500", async () => {
    const w = await makeWorld();
    const res = await trpcMutation("workspaces.removeMember", { workspaceSlug: w.workspace.slug, userId: w.owner.id }, await signedInHeaders(w.owner.id));
    expect(res.status).toBe(409);
    expect((await readJson<TrpcErrorBody>(res)).error.data.userMessage).toBe(NEEDS_AN_OWNER);
    expect((await rolesIn(w.workspace.id))[w.owner.id]).toBe("owner");
  });

  it("the last owner can't leave; the message says to transfer or delete", async () => {
    const w = await makeWorld("Solo Owner Co");
    const res = await trpcMutation("workspaces.leave", { workspaceSlug: w.workspace.slug }, await signedInHeaders(w.owner.id));
    expect(res.status).toBe(409);
    expect((await readJson<TrpcErrorBody>(res)).error.data.userMessage).toMatch(/last owner of Solo Owner Co.*Transfer ownership.*delete the workspace/);
    expect((await rolesIn(w.workspace.id))[w.owner.id]).toBe("owner");
    expect(await auditOf(w.workspace.id, "member.left")).toHaveLength(0);
  });

  it("a demotion decided on a stale role (a race) is refused by the database as CONFLICT", async () => {
    const w = await makeWorld();
    await w.as.owner.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.admin.id, role: "owner" });
    // The admin-turned-owner demotes the original owner…
    await w.as.admin.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.owner.id, role: "admin" });
    // …while the original owner, checked as owner a moment earlier, demotes them back.
    const staleActor = {
      userId: w.owner.id,
      displayName: "Stale",
      impersonatorId: null,
      ip: null,
      workspace: { id: w.workspace.id, slug: w.workspace.slug, name: w.workspace.name, personal: false, role: "owner" as const },
    };
    await expect(changeMemberRole({ userId: w.admin.id, role: "member" }, staleActor, db)).rejects.toMatchObject({ code: "CONFLICT", userMessage: NEEDS_AN_OWNER });
    const roles = await rolesIn(w.workspace.id);
    expect(Object.values(roles)).toContain("owner");
    expect(roles[w.admin.id]).toBe("owner");
  });

  it("two owners demoting each other at once leave exactly one owner", async () => {
    const w = await makeWorld();
    await w.as.owner.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.admin.id, role: "owner" });
    const results = await Promise.allSettled([
      w.as.owner.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.admin.id, role: "admin" }),
      w.as.admin.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.owner.id, role: "admin" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(["CONFLICT", "FORBIDDEN"]).toContain((rejected.reason as { code: string }).code);
    expect(Object.values(await rolesIn(w.workspace.id)).filter((r) => r === "owner")).toHaveLength(1);
  });

  it("nobody changes their own role through changeRole", async () => {
    const w = await makeWorld();
    await expect(w.as.owner.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.owner.id, role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.admin.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.admin.id, role: "owner" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("admins can't demote or remove owners; owners can remove another owner", async () => {
    const w = await makeWorld();
    await expect(w.as.admin.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.owner.id, role: "member" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.admin.workspaces.removeMember({ workspaceSlug: w.workspace.slug, userId: w.owner.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await w.as.owner.workspaces.changeRole({ workspaceSlug: w.workspace.slug, userId: w.admin.id, role: "owner" });
    await w.as.owner.workspaces.removeMember({ workspaceSlug: w.workspace.slug, userId: w.admin.id });
    expect(await rolesIn(w.workspace.id)).toEqual({ [w.owner.id]: "owner", [w.member.id]: "member" });
  });
});

describe("transfer ownership", () => {
  it("makes the target owner and the previous owner admin, in one step, audited", async () => {
    const w = await makeWorld();
    await w.as.owner.workspaces.transferOwnership({ workspaceSlug: w.workspace.slug, userId: w.member.id });
    expect(await rolesIn(w.workspace.id)).toEqual({ [w.owner.id]: "admin", [w.admin.id]: "admin", [w.member.id]: "owner" });
    const [event] = await auditOf(w.workspace.id, "ownership.transferred");
    expect(event).toMatchObject({ actorUserId: w.owner.id, targetType: "user", targetId: w.member.id });
    expect(event!.after).toEqual({ from: { userId: w.owner.id, role: "admin" }, to: { userId: w.member.id, role: "owner" } });
    // The former owner can now leave; the new owner can't (last owner).
    await w.as.owner.workspaces.leave({ workspaceSlug: w.workspace.slug });
    await expect(w.as.member.workspaces.leave({ workspaceSlug: w.workspace.slug })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses a non-member target (NOT_FOUND) and yourself (400)", async () => {
    const w = await makeWorld();
    await expect(w.as.owner.workspaces.transferOwnership({ workspaceSlug: w.workspace.slug, userId: w.outsider.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.as.owner.workspaces.transferOwnership({ workspaceSlug: w.workspace.slug, userId: w.owner.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await rolesIn(w.workspace.id))[w.owner.id]).toBe("owner");
  });
});

describe("personal workspaces and deletion", () => {
  it("a personal workspace can't be left or deleted", async () => {
    const w = await makeWorld();
    const { createWorkspaceWithMembers } = await import("@/server/db/factories");
    const { nextRandom } = await import("./world");
    const personal = await createWorkspaceWithMembers(db, nextRandom(), { owner: w.owner, name: "Mine", personal: true, members: [{ user: w.member, role: "member" }] });
    await expect(w.as.owner.workspaces.delete({ workspaceSlug: personal.slug, confirmName: "Mine" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/personal workspace/) });
    await expect(w.as.member.workspaces.leave({ workspaceSlug: personal.slug })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("delete needs the exact name (field error) and then removes the workspace", async () => {
    const w = await makeWorld("Exact Name");
    const res = await trpcMutation("workspaces.delete", { workspaceSlug: w.workspace.slug, confirmName: "exact name" }, await signedInHeaders(w.owner.id));
    expect(res.status).toBe(400);
    expect((await readJson<TrpcErrorBody>(res)).error.data.fieldErrors?.confirmName?.[0]).toMatch(/Exact Name/);
    expect(await rolesIn(w.workspace.id)).not.toEqual({});
    await w.as.owner.workspaces.delete({ workspaceSlug: w.workspace.slug, confirmName: "Exact Name" });
    expect(await rolesIn(w.workspace.id)).toEqual({});
    await expect(w.as.owner.workspaces.get({ workspaceSlug: w.workspace.slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
