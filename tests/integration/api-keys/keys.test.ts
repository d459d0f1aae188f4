/**
 * Issuing and managing keys through the tRPC procedures: the secret appears once and never
 * again, hashes never leave the server, every change is in the audit trail, and another
 * workspace's keys are out of reach.
 */
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { API_KEY_PATTERN, parseApiKey } from "@/lib/api-key-format";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { db } from "@/server/db/client";
import { apiKeys, auditEvents, memberships } from "@/server/db/schema";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";
import { api, makeApiWorld } from "../../support/api";

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

const callerFor = async (user: { id: string }) => callerWithHeaders(await signedInHeaders(user.id));

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

describe("issuing keys", () => {
  it("returns the secret once, stores only its HMAC, and lists the key without it", async () => {
    const w = await makeApiWorld();
    const admin = await callerFor(w.admin);
    const issued = await admin.apiKeys.create({ workspaceSlug: w.workspace.slug, name: "Zapier", environment: "test", scopes: ["posts:read", "posts:read"], rateLimitPerMinute: 100 });
    expect(issued.secret).toMatch(API_KEY_PATTERN);
    expect(issued.secret.startsWith("gw_test_")).toBe(true);
    expect(parseApiKey(issued.secret)).not.toBeNull();
    expect(issued.key).toMatchObject({ name: "Zapier", environment: "test", start: issued.secret.slice(0, 12), scopes: ["posts:read"], rateLimitPerMinute: 100, status: "active", createdBy: { userId: w.admin.id } });

    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, issued.key.id));
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(issued.secret);

    const list = await admin.apiKeys.list({ workspaceSlug: w.workspace.slug });
    expect(list.items.map((k) => k.id)).toEqual([issued.key.id]);
    const serialized = JSON.stringify(list);
    expect(serialized).not.toContain(issued.secret);
    expect(serialized).not.toContain(row!.secretHash);
    expect(serialized).not.toMatch(/secretHash|previousSecretHash/);

    const [audit] = await db.select().from(auditEvents).where(and(eq(auditEvents.workspaceId, w.workspace.id), eq(auditEvents.action, "api_key.created")));
    expect(audit).toMatchObject({ actorUserId: w.admin.id, targetType: "api_key", targetId: issued.key.id });
    expect(JSON.stringify(audit)).not.toContain(issued.secret);
  });

  it("refuses bad input by field, expiry in the past, and scopes above the creator's role", async () => {
    const w = await makeApiWorld();
    const admin = await callerFor(w.admin);
    await expect(admin.apiKeys.create({ workspaceSlug: w.workspace.slug, name: "", scopes: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.apiKeys.create({ workspaceSlug: w.workspace.slug, name: "Old", scopes: ["posts:read"], expiresAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { fieldErrors: { expiresAt: ["Must be in the future"] } },
    });
    // @ts-expect-error an unknown scope is refused at the edge
    await expect(admin.apiKeys.create({ workspaceSlug: w.workspace.slug, name: "X", scopes: ["admin:everything"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("members can't manage keys; another workspace's admin can't touch them", async () => {
    const w = await makeApiWorld();
    const issued = await (await callerFor(w.admin)).apiKeys.create({ workspaceSlug: w.workspace.slug, name: "Mine", scopes: ["posts:read"] });
    expect(await codeOf((await callerFor(w.member)).apiKeys.list({ workspaceSlug: w.workspace.slug }))).toBe("FORBIDDEN");
    const outsider = await callerFor(w.outsider);
    expect(await codeOf(outsider.apiKeys.list({ workspaceSlug: w.workspace.slug }))).toBe("NOT_FOUND");
    // Their own workspace's slug with our key's id: the key simply isn't there.
    // One at a time: a rejected call nobody awaits yet is an unhandled rejection.
    for (const call of [
      () => outsider.apiKeys.revoke({ workspaceSlug: w.elsewhere.slug, keyId: issued.key.id }),
      () => outsider.apiKeys.roll({ workspaceSlug: w.elsewhere.slug, keyId: issued.key.id, graceSeconds: 0 }),
      () => outsider.apiKeys.update({ workspaceSlug: w.elsewhere.slug, keyId: issued.key.id, name: "Stolen" }),
    ]) {
      expect(await codeOf(call())).toBe("NOT_FOUND");
    }
    expect((await outsider.apiKeys.list({ workspaceSlug: w.elsewhere.slug })).items).toEqual([]);
    const usage = await outsider.apiKeys.usage({ workspaceSlug: w.elsewhere.slug, keyId: issued.key.id, days: 7 });
    expect(usage.totals.requests).toBe(0);
    expect((await outsider.apiKeys.requestLog({ workspaceSlug: w.elsewhere.slug, keyId: issued.key.id })).items).toEqual([]);
  });
});

describe("changing keys", () => {
  it("revoke, roll and edit are audited; revoking twice answers the first revocation", async () => {
    const w = await makeApiWorld();
    const admin = await callerFor(w.admin);
    const slug = w.workspace.slug;
    const { key } = await admin.apiKeys.create({ workspaceSlug: slug, name: "Deploy", scopes: ["posts:read"] });
    const edited = await admin.apiKeys.update({ workspaceSlug: slug, keyId: key.id, name: "Deploy bot", scopes: ["posts:read", "usage:read"], rateLimitPerMinute: 30 });
    expect(edited).toMatchObject({ name: "Deploy bot", scopes: ["posts:read", "usage:read"], rateLimitPerMinute: 30 });
    const rolled = await admin.apiKeys.roll({ workspaceSlug: slug, keyId: key.id, graceSeconds: 86_400 });
    expect(rolled.key.start).toBe(rolled.secret.slice(0, 12));
    expect(rolled.key.previousExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 86_000_000);
    const first = await admin.apiKeys.revoke({ workspaceSlug: slug, keyId: key.id });
    const second = await admin.apiKeys.revoke({ workspaceSlug: slug, keyId: key.id });
    expect(second.revokedAt).toEqual(first.revokedAt);
    expect(await codeOf(admin.apiKeys.update({ workspaceSlug: slug, keyId: key.id, name: "Zombie" }))).toBe("CONFLICT");
    expect(await codeOf(admin.apiKeys.roll({ workspaceSlug: slug, keyId: key.id, graceSeconds: 0 }))).toBe("CONFLICT");

    const actions = (await db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.workspaceId, w.workspace.id)).orderBy(auditEvents.id)).map((r) => r.action);
    expect(actions.filter((a) => a.startsWith("api_key."))).toEqual(["api_key.created", "api_key.updated", "api_key.rolled", "api_key.revoked"]);
    expect((await admin.apiKeys.list({ workspaceSlug: slug })).items[0]).toMatchObject({ status: "revoked", previousExpiresAt: null });
  });

  it("the remove-member screen's count, and a transfer that keeps the keys working", async () => {
    const w = await makeApiWorld();
    const owner = await callerFor(w.owner);
    const slug = w.workspace.slug;
    const admin = await callerFor(w.admin);
    const a = await admin.apiKeys.create({ workspaceSlug: slug, name: "One", scopes: ["posts:read"] });
    await admin.apiKeys.create({ workspaceSlug: slug, name: "Two", scopes: ["posts:read"] });
    const dead = await admin.apiKeys.create({ workspaceSlug: slug, name: "Dead", scopes: ["posts:read"] });
    await admin.apiKeys.revoke({ workspaceSlug: slug, keyId: dead.key.id });
    expect(await owner.apiKeys.countForMember({ workspaceSlug: slug, userId: w.admin.id })).toEqual({ count: 2 });

    expect(await owner.apiKeys.transfer({ workspaceSlug: slug, fromUserId: w.admin.id, toUserId: w.owner.id })).toEqual({ transferred: 2 });
    expect(await owner.apiKeys.countForMember({ workspaceSlug: slug, userId: w.admin.id })).toEqual({ count: 0 });
    await owner.workspaces.removeMember({ workspaceSlug: slug, userId: w.admin.id });
    expect((await api("GET", "/api/v1/me", { key: a.secret })).body).toMatchObject({ actingAs: { userId: w.owner.id, role: "owner" } });
    expect(await codeOf(owner.apiKeys.transfer({ workspaceSlug: slug, fromUserId: w.owner.id, toUserId: w.outsider.id }))).toBe("NOT_FOUND");
    expect((await db.select().from(memberships).where(eq(memberships.userId, w.admin.id))).length).toBe(0);
  });
});
