import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createWorkspaceWithMembers, FACTORY_PASSWORD } from "@/server/db/factories";
import { currentRequestContext, runWithRequestContext } from "@/server/logging/context";
import { recordAuditEvent } from "@/server/audit";
import { readJson, trpcMutation, trpcQuery, type TrpcErrorBody } from "../../support/http";
import { signedInHeaders } from "../../support/sessions";
import { auditOf, callerFor, makeWorld, newUser, nextRandom } from "./world";

const IP = { "x-forwarded-for": "203.0.113.7" };

describe("audit log", () => {
  it("records actor, target, before/after and ip for every change", async () => {
    const w = await makeWorld("Audited");
    const owner = await callerFor(w.owner, IP);
    const slug = w.workspace.slug;
    await owner.workspaces.rename({ workspaceSlug: slug, name: "Audited Again" });
    await owner.workspaces.changeRole({ workspaceSlug: slug, userId: w.member.id, role: "admin" });
    await owner.workspaces.invite({ workspaceSlug: slug, email: "aud@example.test", role: "member" });
    await owner.workspaces.invite({ workspaceSlug: slug, email: "aud@example.test", role: "admin" });
    const inviteId = (await owner.workspaces.members({ workspaceSlug: slug })).invites![0]!.id;
    await owner.workspaces.resendInvite({ workspaceSlug: slug, inviteId });
    await owner.workspaces.revokeInvite({ workspaceSlug: slug, inviteId });
    await owner.workspaces.removeMember({ workspaceSlug: slug, userId: w.member.id });
    await (await callerFor(w.admin, IP)).workspaces.leave({ workspaceSlug: slug });

    const events = await auditOf(w.workspace.id);
    expect(events.map((e) => e.action)).toEqual([
      "workspace.renamed",
      "member.role_changed",
      "invite.created",
      "invite.resent",
      "invite.resent",
      "invite.revoked",
      "member.removed",
      "member.left",
    ]);
    expect(events.every((e) => e.ip === "203.0.113.7")).toBe(true);
    expect(events[0]).toMatchObject({ actorUserId: w.owner.id, targetType: "workspace", before: { name: "Audited" }, after: { name: "Audited Again" } });
    expect(events[1]).toMatchObject({ targetId: w.member.id, before: { role: "member" }, after: { role: "admin" } });
    expect(events[6]).toMatchObject({ targetId: w.member.id, before: { role: "admin" } });
    expect(events[7]).toMatchObject({ actorUserId: w.admin.id, targetId: w.admin.id });
  });

  it("records workspace.created with the creator's name", async () => {
    const user = await newUser();
    const caller = await callerFor(user, IP);
    const { slug } = await caller.workspaces.create({ name: "Fresh" });
    const log = await caller.workspaces.auditLog({ workspaceSlug: slug, limit: 10 });
    expect(log.items).toMatchObject([{ action: "workspace.created", actor: { userId: user.id, displayName: user.displayName }, ip: "203.0.113.7", after: { name: "Fresh", slug } }]);
  });

  it("pages newest first by id without gaps or repeats, with filters and names joined", async () => {
    const w = await makeWorld();
    const impersonator = await newUser({ staffRole: "support" });
    for (let i = 0; i < 23; i++) {
      await recordAuditEvent(db, {
        workspaceId: w.workspace.id,
        actorUserId: i % 2 ? w.owner.id : w.admin.id,
        impersonatorId: i === 5 ? impersonator.id : null,
        action: i % 3 ? "workspace.renamed" : "member.removed",
        ip: "198.51.100.1",
      });
    }
    const c = w.as.admin.workspaces;
    const all = (await c.auditLog({ workspaceSlug: w.workspace.slug, limit: 100 })).items;
    expect(all).toHaveLength(23);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort().reverse());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof c.auditLog>> = await c.auditLog({ workspaceSlug: w.workspace.slug, limit: 5, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));

    const impersonated = all.find((e) => e.impersonator);
    expect(impersonated?.impersonator).toEqual({ userId: impersonator.id, displayName: impersonator.displayName });
    const byOwner = await c.auditLog({ workspaceSlug: w.workspace.slug, limit: 100, actorUserId: w.owner.id });
    expect(byOwner.items.every((e) => e.actor?.userId === w.owner.id && e.actor.displayName === w.owner.displayName)).toBe(true);
    expect(byOwner.items).toHaveLength(11);
    const removed = await c.auditLog({ workspaceSlug: w.workspace.slug, limit: 100, action: "member.removed" });
    expect(removed.items).toHaveLength(8);
  });
});

describe("query counts", () => {
  async function membersQueryCount(memberCount: number) {
    const owner = await newUser();
    const members = [];
    for (let i = 0; i < memberCount - 1; i++) members.push({ user: await newUser(), role: "member" as const });
    const ws = await createWorkspaceWithMembers(db, nextRandom(), { owner, members, plan: "team", seats: 100 });
    const caller = await callerFor(owner);
    for (let i = 0; i < 3; i++) await caller.workspaces.invite({ workspaceSlug: ws.slug, email: `q${memberCount}-${i}@example.test`, role: "member" });
    return runWithRequestContext({ requestId: `req-members-${memberCount}` }, async () => {
      const list = await caller.workspaces.members({ workspaceSlug: ws.slug });
      expect(list.members).toHaveLength(memberCount);
      return currentRequestContext()!.queries.count;
    });
  }

  it("members runs the same number of queries for 1 and 20 members", async () => {
    const one = await membersQueryCount(1);
    const twenty = await membersQueryCount(20);
    expect(twenty).toBe(one);
    expect(one).toBeLessThanOrEqual(3); // membership check, members, invites
  });

  it("auditLog runs a constant number of queries whatever the page size", async () => {
    const w = await makeWorld();
    for (let i = 0; i < 30; i++) await recordAuditEvent(db, { workspaceId: w.workspace.id, actorUserId: w.owner.id, action: "workspace.renamed", ip: null });
    const counts = [];
    for (const limit of [1, 30]) {
      counts.push(await runWithRequestContext({ requestId: `req-audit-${limit}` }, async () => {
        await w.as.owner.workspaces.auditLog({ workspaceSlug: w.workspace.slug, limit });
        return currentRequestContext()!.queries.count;
      }));
    }
    expect(counts[0]).toBe(counts[1]);
  });
});

describe("bad input", () => {
  async function expect400(res: Response, field: string) {
    expect(res.status).toBe(400);
    const { error } = await readJson<TrpcErrorBody>(res);
    expect(error.data.fieldErrors?.[field]?.length, JSON.stringify(error.data)).toBeGreaterThan(0);
    return error.data;
  }

  it("names the field for oversized, empty and wrongly typed names", async () => {
    const user = await newUser();
    const h = await signedInHeaders(user.id);
    expect((await expect400(await trpcMutation("workspaces.create", { name: "x".repeat(61) }, h), "name")).fieldErrors?.name).toEqual(["Name must be at most 60 characters"]);
    await expect400(await trpcMutation("workspaces.create", { name: "   " }, h), "name");
    await expect400(await trpcMutation("workspaces.create", { name: 42 }, h), "name");
    await expect400(await trpcMutation("workspaces.create", { name: "a".repeat(100_000) }, h), "name");
  });

  it("stores unicode and injection-looking names verbatim, never 500", async () => {
    const user = await newUser();
    const caller = await callerFor(user);
    for (const name of ["'; drop table workspaces; --", "<script>alert(1)</script>", "😀😀😀", "名前", "Robert'); DELETE FROM users;--"]) {
      const { slug } = await caller.workspaces.create({ name });
      expect(slug).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/);
      expect((await caller.workspaces.get({ workspaceSlug: slug })).name).toBe(name);
    }
  });

  it("names the field for malformed emails, roles and ids", async () => {
    const w = await makeWorld();
    const h = await signedInHeaders(w.owner.id);
    const slug = w.workspace.slug;
    for (const email of ["not-an-email", "a@", "@b.c", "a b@example.test", `${"x".repeat(300)}@example.test`, "x@example.test'; --"]) {
      await expect400(await trpcMutation("workspaces.invite", { workspaceSlug: slug, email, role: "member" }, h), "email");
    }
    await expect400(await trpcMutation("workspaces.invite", { workspaceSlug: slug, email: "ok@example.test", role: "owner" }, h), "role");
    await expect400(await trpcMutation("workspaces.changeRole", { workspaceSlug: slug, userId: "1 or 1=1", role: "admin" }, h), "userId");
    await expect400(await trpcMutation("workspaces.changeRole", { workspaceSlug: slug, userId: w.member.id, role: "superuser" }, h), "role");
    await expect400(await trpcMutation("workspaces.revokeInvite", { workspaceSlug: slug, inviteId: "../../etc" }, h), "inviteId");
    await expect400(await trpcMutation("workspaces.rename", { workspaceSlug: "x".repeat(41), name: "ok" }, h), "workspaceSlug");
    await expect400(await trpcQuery("workspaces.auditLog", { workspaceSlug: slug, limit: 1000 }, h), "limit");
    await expect400(await trpcQuery("workspaces.auditLog", { workspaceSlug: slug, limit: 10, cursor: "zzz" }, h), "cursor");
    await expect400(await trpcQuery("workspaces.invitePreview", { token: "t".repeat(500) }), "token");
    const staff = await signedInHeaders((await newUser({ staffRole: "admin" })).id);
    await trpcMutation("admin.enterAdminMode", { password: FACTORY_PASSWORD }, staff);
    await expect400(await trpcMutation("staff.setStaffRole", { userId: w.member.id, role: "god", reason: "Promotion" }, staff), "role");
    await expect400(await trpcMutation("staff.setStaffRole", { userId: w.member.id, role: "support" }, staff), "reason");
  });

  it("a slug that doesn't exist (even a hostile one) is 404, not 500", async () => {
    const w = await makeWorld();
    const res = await trpcQuery("workspaces.get", { workspaceSlug: "' or 1=1 --" }, await signedInHeaders(w.owner.id));
    expect(res.status).toBe(404);
  });
});
