import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createFeedbackBoard, createWorkspaceWithMembers } from "@/server/db/factories";
import { auditEvents, workspaces } from "@/server/db/schema";
import { canSubscribe } from "@/server/realtime/authorize";
import { notify } from "@/features/notifications/server/notify";
import { impersonatingHeaders } from "../../support/impersonation";
import { signedInHeaders } from "../../support/sessions";
import { call, makeWorld } from "./world";

describe("workspace setting: Allow support to access this workspace", () => {
  it("is on by default; an owner turns it off (audited) and impersonation can no longer open that workspace — only that one", async () => {
    const w = await makeWorld();
    const ownerHeaders = await signedInHeaders(w.user.id, { twoFactorVerified: true });
    expect((await call("impersonation.workspaceSupportAccess", { workspaceSlug: w.workspace.slug }, ownerHeaders, "query")).body.result?.data).toEqual({ allow: true });
    // A second workspace of the same user that keeps support access on.
    const open = await createWorkspaceWithMembers(db, createRandom(91_000), { owner: w.user, name: "Open Co" });

    const off = await call("impersonation.setWorkspaceSupportAccess", { workspaceSlug: w.workspace.slug, allow: false }, ownerHeaders, "mutation");
    expect(off.body.result?.data).toEqual({ allow: false });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, w.workspace.id));
    expect(audit).toMatchObject({ action: "workspace.support_access_changed", before: { allow: true }, after: { allow: false } });

    const { headers } = await impersonatingHeaders(w.staff.id, w.user.id);
    for (const [path, input] of [
      ["workspaces.get", { workspaceSlug: w.workspace.slug }],
      ["workspaces.members", { workspaceSlug: w.workspace.slug }],
      ["feedback.boards", { workspaceSlug: w.workspace.slug }],
      ["billing.overview", { workspaceSlug: w.workspace.slug }],
    ] as const) {
      const refused = await call(path, input, headers, "query");
      expect({ path, status: refused.status, message: refused.body.error?.data.userMessage }).toEqual({
        path,
        status: 404,
        message: "This workspace has turned off support access, so it can't be opened while impersonating.",
      });
    }
    // The user's other workspace, and the user themselves, are unaffected.
    expect((await call("workspaces.get", { workspaceSlug: open.slug }, headers, "query")).status).toBe(200);
    expect((await call("workspaces.get", { workspaceSlug: w.workspace.slug }, ownerHeaders, "query")).status).toBe(200);

    // Live updates follow the same rule.
    const member = { userId: w.user.id, staffRole: null };
    expect(await canSubscribe(member, `workspace:${w.workspace.id}`, db)).toBe(true);
    expect(await canSubscribe({ ...member, impersonated: true }, `workspace:${w.workspace.id}`, db)).toBe(false);
    expect(await canSubscribe({ ...member, impersonated: true }, `workspace:${open.id}`, db)).toBe(true);
    const board = await createFeedbackBoard(db, createRandom(92_000), { workspaceId: w.workspace.id, visibility: "private", slug: `private-${w.workspace.slug}` });
    expect(await canSubscribe(member, `board:${board.id}`, db)).toBe(true);
    expect(await canSubscribe({ ...member, impersonated: true }, `board:${board.id}`, db)).toBe(false);
  });

  it("hides that workspace's notifications (list and unread count) from impersonation only; unscoped and other workspaces' stay", async () => {
    const w = await makeWorld();
    const open = await createWorkspaceWithMembers(db, createRandom(93_000), { owner: w.user, name: "Open Co" });
    await notify(w.user.id, { type: "billing.usage", title: "Acme Labs has used 80% of its API requests", body: "", workspaceId: w.workspace.id }, db);
    await notify(w.user.id, { type: "billing.usage", title: "Open Co has used 80% of its API requests", body: "", workspaceId: open.id }, db);
    await notify(w.user.id, { type: "security.new_sign_in", title: "New sign-in to your account", body: "" }, db);
    const ownerHeaders = await signedInHeaders(w.user.id, { twoFactorVerified: true });
    await call("impersonation.setWorkspaceSupportAccess", { workspaceSlug: w.workspace.slug, allow: false }, ownerHeaders, "mutation");

    const seen = async (headers: Record<string, string>) => ({
      titles: ((await call("notifications.list", { limit: 20 }, headers, "query")).body.result?.data as { items: Array<{ title: string }> }).items.map((n) => n.title).sort(),
      unread: ((await call("notifications.unreadCount", undefined, headers, "query")).body.result?.data as { count: number }).count,
    });
    expect(await seen(ownerHeaders)).toEqual({ titles: ["Acme Labs has used 80% of its API requests", "New sign-in to your account", "Open Co has used 80% of its API requests"], unread: 3 });
    const { headers } = await impersonatingHeaders(w.staff.id, w.user.id);
    expect(await seen(headers)).toEqual({ titles: ["New sign-in to your account", "Open Co has used 80% of its API requests"], unread: 2 });
  });

  it("can't be changed by the impersonating staff member, nor by a workspace member", async () => {
    const w = await makeWorld();
    const { headers } = await impersonatingHeaders(w.staff.id, w.user.id, { mode: "write" });
    const refused = await call("impersonation.setWorkspaceSupportAccess", { workspaceSlug: w.workspace.slug, allow: false }, headers, "mutation");
    expect(refused.status).toBe(403);
    const [row] = await db.select({ allow: workspaces.allowSupportAccess }).from(workspaces).where(eq(workspaces.id, w.workspace.id));
    expect(row?.allow).toBe(true);
  });
});
