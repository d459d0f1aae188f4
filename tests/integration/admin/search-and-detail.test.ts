import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createFeedbackBoard, createFeedbackPost, createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { apiKeys, apiRequestLog, apiUsagePeriods, notifications } from "@/server/db/schema";
import { recordAuditEvent, recordSecurityEvent } from "@/server/audit";
import { seal } from "@/server/auth/secret-box";
import { requestPasswordReset } from "@/features/auth/server/request-password-reset";
import { RARE_TRIGRAM, selectiveNeedle, type TrigramFrequencies } from "@/features/admin/server/search-needle";
import { searchUsers } from "@/features/admin/server/search-users";
import { searchInput } from "@/features/admin/schemas";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";
import { rejection } from "../two-factor/support";

const random = createRandom(4242);
let staffSeq = 0;
async function staffCaller() {
  const staff = await createUser(db, random, { email: `search-staff-${++staffSeq}@example.test`, staffRole: "support" });
  return callerWithHeaders(await signedInHeaders(staff.id, { twoFactorVerified: true }));
}

describe("admin search", () => {
  it("finds users by address prefix first, then by address or name containing the query, in keyset pages", async () => {
    const caller = await staffCaller();
    const prefixed = await Promise.all(["zed1@", "zed2@", "zed3@"].map((p, i) => createUser(db, random, { email: `${p}search.test`, displayName: `Prefixed ${i}` })));
    const inside = await createUser(db, random, { email: "anna.zed@search.test", displayName: "Anna Inside" });
    const byName = await createUser(db, random, { email: "someone@search.test", displayName: "Mr ZED Named" });

    const all = await caller.admin.searchUsers({ query: "ZED" });
    expect(all.items.map((u) => u.email)).toEqual(["zed1@search.test", "zed2@search.test", "zed3@search.test", byName.email, inside.email]);
    expect(all.nextCursor).toBeNull();

    // Two per page walks both phases without repeating or skipping anyone.
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await caller.admin.searchUsers({ query: "zed", limit: 2, cursor });
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((u) => u.email));

    expect((await caller.admin.searchUsers({ query: prefixed[1]!.id })).items.map((u) => u.id)).toEqual([prefixed[1]!.id]);
    expect((await caller.admin.searchUsers({ query: "inside" })).items.map((u) => u.id)).toEqual([inside.id]);
    // LIKE wildcards are literal.
    expect((await caller.admin.searchUsers({ query: "%" })).items).toEqual([]);
  });

  it("looks a long query up by its rare part and checks the whole of it on the rows found", async () => {
    // As the statistics would say at scale: the domain's, "frequent"'s and "crowd"'s trigrams are common.
    const common = ["ned", "edl", "dle", "fre", "req", "equ", "que", "uen", "ent", "cro", "row", "owd", "tes", "est"];
    const commonMap = new Map(common.map((t) => [t, 0.3]));
    const frequencies: TrigramFrequencies = { email: commonMap, name: commonMap, workspaceName: commonMap, workspaceSlug: commonMap };
    expect(selectiveNeedle("xk.frequent.77310@needle.test", frequencies.email)).toBe("77310");
    const exact = await createUser(db, random, { email: "xk.frequent.77310@needle.test", displayName: "Exact Person" });
    const containing = await createUser(db, random, { email: "axk.frequent.77310@needle.test", displayName: "Containing Person" });
    // The rare part alone, without the rest: found by the index, refused by the check.
    await createUser(db, random, { email: "zz.other.77310@needle.test", displayName: "Other 77310" });
    const named = await createUser(db, random, { email: "n77311@needle.test", displayName: "Crowd Frequent 77311" });
    await createUser(db, random, { email: "n77312@needle.test", displayName: "Crowd 77311 Frequent" });

    const search = (query: string) => searchUsers(searchInput.parse({ query }), db, frequencies).then((r) => r.items.map((u) => u.id));
    expect(await search("xk.frequent.77310@needle.test")).toEqual([exact.id, containing.id]);
    // A space can't be in an address: names only, by their rare part, checked whole.
    expect(selectiveNeedle("crowd frequent 77311", frequencies.name)).toBe("77311");
    expect(await search("Crowd Frequent 77311")).toEqual([named.id]);
    // Nothing rare (or no statistics): the whole term is looked up, as before.
    expect(selectiveNeedle("crowd.frequent", frequencies.name)).toBe("crowd.frequent");
    expect(selectiveNeedle("xk.frequent.77310@needle.test", new Map())).toBe("xk.frequent.77310@needle.test");
    // One rare trigram alone is too little to look up by.
    expect(selectiveNeedle("crowd.a77", frequencies.name)).toBe("crowd.a77");
    expect(RARE_TRIGRAM).toBe(0.01);
  });

  it("refuses a cursor from another search as a field error", async () => {
    const caller = await staffCaller();
    await Promise.all([1, 2, 3].map((i) => createUser(db, random, { email: `cur${i}@search.test` })));
    const page = await caller.admin.searchUsers({ query: "cur", limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    const error = await rejection(caller.admin.searchUsers({ query: "other", cursor: page.nextCursor }));
    expect(error.fieldErrors?.cursor).toBeDefined();
  });

  it("finds workspaces by name, slug (exact slug first) or id", async () => {
    const caller = await staffCaller();
    const owner = await createUser(db, random);
    const a = await createWorkspaceWithMembers(db, random, { owner, name: "Quasar Works" });
    const b = await createWorkspaceWithMembers(db, random, { owner, name: "Another Quasar" });
    const byName = await caller.admin.searchWorkspaces({ query: "quasar" });
    expect(byName.items.map((w) => w.id).sort()).toEqual([a.id, b.id].sort());
    expect(byName.items[0]!.members).toBe(1);
    expect((await caller.admin.searchWorkspaces({ query: b.slug })).items[0]!.id).toBe(b.id);
    expect((await caller.admin.searchWorkspaces({ query: a.id })).items.map((w) => w.id)).toEqual([a.id]);
  });
});

describe("admin detail pages", () => {
  it("shows a user's account, workspaces and key metadata, never a secret", async () => {
    const caller = await staffCaller();
    const user = await createUser(db, random, { email: "detail@search.test" });
    const workspace = await createWorkspaceWithMembers(db, random, { owner: user });
    await db.insert(apiKeys).values({ workspaceId: workspace.id, createdBy: user.id, name: "CI", environment: "live", start: "gw_live_abcd", secretHash: "hash-that-must-not-leak", scopes: ["posts:read"] });
    await signedInHeaders(user.id, { twoFactorVerified: true });

    const detail = await caller.admin.user({ id: user.id });
    expect(detail.profile.email).toBe(user.email);
    expect(detail.sessions).toHaveLength(1);
    expect(detail.workspaces).toEqual([expect.objectContaining({ id: workspace.id, role: "owner", owners: 1 })]);
    expect(detail.apiKeys).toEqual([expect.objectContaining({ name: "CI", start: "gw_live_abcd" })]);
    expect(detail.billing).toEqual([expect.objectContaining({ workspaceSlug: workspace.slug, plan: "free", status: null })]);
    expect(JSON.stringify(detail)).not.toContain("hash-that-must-not-leak");
    expect(JSON.stringify(detail)).not.toContain(user.passwordHash);

    const ws = await caller.admin.workspace({ id: workspace.id });
    expect(ws.members).toEqual([expect.objectContaining({ userId: user.id, role: "owner" })]);
    expect(ws.apiKeys).toHaveLength(1);
    expect(JSON.stringify(ws)).not.toContain("hash-that-must-not-leak");
  });

  it("user page: verification and 2FA status, security log, mail sent, notifications, feedback and recent request ids; workspace page: plan, usage, boards and audit trail", async () => {
    const caller = await staffCaller();
    const user = await createUser(db, random, { email: "sections@search.test", emailVerifiedAt: null, totpKeyEncrypted: seal(crypto.getRandomValues(new Uint8Array(20))) });
    const workspace = await createWorkspaceWithMembers(db, random, { owner: user, name: "Sections Co" });
    const board = await createFeedbackBoard(db, random, { workspaceId: workspace.id, visibility: "public", name: "Ideas" });
    const post = await createFeedbackPost(db, random, { board, authorId: user.id, title: "Dark mode please" });
    await requestPasswordReset({ email: user.email }, { ip: "203.0.113.9", userAgent: "vitest" }, db);
    await db.insert(notifications).values({ userId: user.id, type: "comment", title: "New comment on Dark mode please", body: "Someone answered." });
    const [key] = await db.insert(apiKeys).values({ workspaceId: workspace.id, createdBy: user.id, name: "CI", environment: "live", start: "gw_live_sect", secretHash: "another-hash", scopes: ["posts:read"] }).returning();
    await db.insert(apiRequestLog).values({ workspaceId: workspace.id, apiKeyId: key!.id, method: "GET", path: "/api/v1/posts", route: "/api/v1/posts", status: 200, latencyMs: 4, requestId: "req-sections-1" });
    await db.insert(apiUsagePeriods).values({ workspaceId: workspace.id, periodStart: new Date().toISOString().slice(0, 7) + "-01", requests: 7 });
    await recordAuditEvent(db, { workspaceId: workspace.id, actorUserId: user.id, action: "workspace.renamed", target: { type: "workspace", id: workspace.id }, ip: null });
    await recordSecurityEvent(db, { userId: user.id, type: "sign_in_failed", ip: "203.0.113.9", userAgent: "vitest", details: "Wrong password" });

    const detail = await caller.admin.user({ id: user.id });
    expect(detail.profile).toMatchObject({ emailVerified: false, twoFactorEnabled: true, locked: false });
    expect(detail.securityLog).toEqual([expect.objectContaining({ type: "sign_in_failed", details: "Wrong password", ip: "203.0.113.9" })]);
    expect(detail.mail).toEqual([expect.objectContaining({ subject: "Reset your password" })]);
    expect(detail.notifications).toEqual([expect.objectContaining({ title: "New comment on Dark mode please", read: false })]);
    expect(detail.feedback).toEqual([expect.objectContaining({ id: post.id, title: "Dark mode please", workspaceSlug: workspace.slug })]);
    expect(detail.requests).toEqual([expect.objectContaining({ requestId: "req-sections-1", method: "GET", status: 200 })]);

    const ws = await caller.admin.workspace({ id: workspace.id });
    expect(ws.workspace).toMatchObject({ plan: "free", personal: false });
    expect(ws.subscription).toBeNull();
    expect(ws.usage).toEqual({ apiRequestsThisMonth: 7, boards: 1, posts: 1 });
    expect(ws.boards).toEqual([expect.objectContaining({ id: board.id, name: "Ideas", posts: 1 })]);
    expect(ws.audit).toEqual([expect.objectContaining({ action: "workspace.renamed", actorEmail: user.email })]);
    expect(JSON.stringify([detail, ws])).not.toContain("another-hash");
  });

  it("answers NOT_FOUND for an unknown id and a field error for a malformed one", async () => {
    const caller = await staffCaller();
    expect((await rejection(caller.admin.user({ id: "00000000-0000-7000-8000-000000000000" }))).code).toBe("NOT_FOUND");
    expect((await rejection(caller.admin.workspace({ id: "00000000-0000-7000-8000-000000000000" }))).code).toBe("NOT_FOUND");
    await expect(caller.admin.user({ id: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
