import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/server/db/client";
import { featureFlagEvaluations, featureFlags, staffAuditLog } from "@/server/db/schema";
import { getFlag } from "@/server/flags/flags";
import { createEvaluationCounter } from "@/server/flags/evaluation-counter";
import { overrideCookieName } from "@/server/flags/override-cookie";
import { flagStore } from "@/server/flags/store";
import { currentRequestContext, runWithRequestContext } from "@/server/logging/context";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";
import { makeBoards, postOn } from "../feedback/world";
import { fieldErrorsOf, rejection, staffWorld, stopFlags, untilStore } from "./world";

afterAll(stopFlags);

const on = { enabled: true, rules: [], rollout: null, fallthrough: true };
async function versionOf(key: string) {
  const [row] = await db.select({ version: featureFlags.version }).from(featureFlags).where(eq(featureFlags.key, key));
  return row?.version ?? 0;
}

describe("editing targeting", () => {
  it("a change reaches this process's cache through NOTIFY and is audited with before/after", async () => {
    const s = await staffWorld();
    const target = { userId: s.plain.id, email: s.plain.email };
    await s.as.product.flags.update({ key: "feedback.similar-posts", version: await versionOf("feedback.similar-posts"), targeting: { ...on, fallthrough: false, rules: [{ id: "me", attribute: "user", values: [s.plain.id], serve: true }] }, reason: "beta for one" });
    await untilStore(() => flagStore().evaluate("feedback.similar-posts", target).ruleId === "me");
    expect(await getFlag("feedback.similar-posts", target)).toBe(true);
    expect(await getFlag("feedback.similar-posts", { userId: s.admin.id })).toBe(false);

    const [entry] = await db.select().from(staffAuditLog).where(eq(staffAuditLog.reason, "beta for one"));
    expect(entry).toMatchObject({ actorUserId: s.product.id, actorEmail: s.product.email, action: "flag.update", targetType: "feature_flag", targetId: "feedback.similar-posts" });
    expect(entry!.after).toMatchObject({ fallthrough: false, rules: [{ id: "me" }], killed: false });
    const audit = await s.as.support.flags.audit({ key: "feedback.similar-posts" });
    expect(audit.items[0]).toMatchObject({ action: "flag.update", reason: "beta for one" });
  });

  it("an edit from a stale version is refused (CONFLICT), not silently overwritten", async () => {
    const s = await staffWorld();
    const version = await versionOf("boards.default-sort");
    await s.as.product.flags.update({ key: "boards.default-sort", version, targeting: { enabled: true, rules: [], rollout: null, fallthrough: "new" } });
    const error = await rejection(s.as.admin.flags.update({ key: "boards.default-sort", version, targeting: { enabled: true, rules: [], rollout: null, fallthrough: "top" } }));
    expect(error.code).toBe("CONFLICT");
  });

  it("the kill switch needs a reason, beats every rule, and is released with the rules intact", async () => {
    const s = await staffWorld();
    const key = "boards.trending-sort";
    await s.as.product.flags.update({ key, version: await versionOf(key), targeting: { ...on, rules: [{ id: "staff", attribute: "staffRole", values: ["support"], serve: true }] } });
    const noReason = await rejection(s.as.support.flags.setKillSwitch({ key, killed: true }));
    expect(noReason.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(noReason)).toHaveProperty("reason");

    await s.as.support.flags.setKillSwitch({ key, killed: true, reason: "sort is slow" });
    await untilStore(() => flagStore().evaluate(key, { staffRole: "support" }).reason === "KILLED");
    expect(await getFlag(key, { userId: s.support.id, staffRole: "support" })).toBe(false);
    await s.as.support.flags.setKillSwitch({ key, killed: false });
    await untilStore(() => flagStore().evaluate(key, { staffRole: "support" }).ruleId === "staff");
    const [kill] = await db.select().from(staffAuditLog).where(eq(staffAuditLog.action, "flag.kill"));
    expect(kill).toMatchObject({ reason: "sort is slow", before: { killed: false }, after: { killed: true, killReason: "sort is slow" } });
  });

  it("the staff audit log is append-only", async () => {
    const s = await staffWorld();
    await s.as.support.flags.setKillSwitch({ key: "boards.default-sort", killed: false });
    await expect(db.execute(sql`update staff_audit_log set reason = 'edited'`)).rejects.toMatchObject({ cause: { message: "staff_audit_log is append-only" } });
    await expect(db.execute(sql`delete from staff_audit_log`)).rejects.toMatchObject({ cause: { message: "staff_audit_log is append-only" } });
  });
});

describe("the stale list", () => {
  it("lists flags past their removal date, and flags serving on to everyone for 30 days", async () => {
    const s = await staffWorld();
    const { listFlags } = await import("@/features/flags/server/list-flags");
    await s.as.product.flags.update({ key: "feedback.similar-posts", version: await versionOf("feedback.similar-posts"), targeting: on });
    const [row] = await db.select({ since: featureFlags.fullRolloutSince }).from(featureFlags).where(eq(featureFlags.key, "feedback.similar-posts"));
    expect(row!.since).toBeInstanceOf(Date);
    const staleOn = async (now: Date) => Object.fromEntries((await listFlags(undefined, { overrides: null }, db, now)).flags.map((f) => [f.key, f.stale]));
    expect((await staleOn(new Date(row!.since!.getTime() + 29 * 86_400_000)))["feedback.similar-posts"]).toEqual([]);
    expect((await staleOn(new Date(row!.since!.getTime() + 30 * 86_400_000)))["feedback.similar-posts"]).toEqual(["full_rollout_30_days"]);
    // Past every registry flag's planned removal date.
    expect((await staleOn(new Date("2030-01-01")))["boards.default-sort"]).toEqual(["past_removal_date"]);
    // Back under 100%: off the stale list (and the clock restarts next time).
    await s.as.product.flags.update({ key: "feedback.similar-posts", version: await versionOf("feedback.similar-posts"), targeting: { ...on, rollout: { percentage: 50, by: "user", serve: true }, fallthrough: false } });
    const [after] = await db.select({ since: featureFlags.fullRolloutSince }).from(featureFlags).where(eq(featureFlags.key, "feedback.similar-posts"));
    expect(after!.since).toBeNull();
  });
});

describe("bad input is refused with field errors", () => {
  it("an unknown flag", async () => {
    const s = await staffWorld();
    // One at a time: a pending rejection would be reported as unhandled.
    for (const call of [
      () => s.as.product.flags.update({ key: "boards.no-such-flag", version: 0, targeting: on }),
      () => s.as.support.flags.setKillSwitch({ key: "nope", killed: true, reason: "xyz" }),
      () => s.as.support.flags.explain({ key: "nope", userEmail: s.plain.email }),
      () => s.as.support.flags.setOverride({ key: "nope", value: true }),
    ]) {
      const error = await rejection(call());
      expect(error.code).toBe("BAD_REQUEST");
      expect(fieldErrorsOf(error).key?.[0]).toMatch(/Unknown flag/);
    }
  });

  it("bad rules, percentages and values name the field", async () => {
    const s = await staffWorld();
    const error = await rejection(
      s.as.product.flags.update({
        key: "boards.trending-sort",
        version: 0,
        targeting: { enabled: true, rules: [{ id: "x", attribute: "emailDomain", values: ["@@"], serve: "yes" }, { id: "y", attribute: "user", values: ["not-an-id"], serve: true }], rollout: { percentage: 101, by: "team", serve: true }, fallthrough: 3 },
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(fieldErrorsOf(error)).sort()).toEqual(["fallthrough", "rollout.by", "rollout.percentage", "rules.0.serve", "rules.0.values.0", "rules.1.values.0"]);
    expect(error.message).toMatch(/^rules\.0\./);
    const badOverride = await rejection(s.as.support.flags.setOverride({ key: "boards.default-sort", value: "sideways" }));
    expect(fieldErrorsOf(badOverride)).toEqual({ value: ["Must be one of: top, trending, new"] });
    const nobody = await rejection(s.as.support.flags.explain({ key: "boards.trending-sort", userEmail: "nobody@example.test" }));
    expect(nobody.code).toBe("NOT_FOUND");
    expect(fieldErrorsOf(nobody)).toHaveProperty("userEmail");
  });
});

describe("who sees this, cohorts, overrides", () => {
  it("explains the variant and the deciding rule for a user in a cohort and a workspace", async () => {
    const s = await staffWorld();
    const w = await makeBoards("Cohort Co");
    await s.as.product.flags.addCohortMember({ cohort: "early-birds", email: w.member.email });
    const dup = await rejection(s.as.product.flags.addCohortMember({ cohort: "early-birds", email: w.member.email }));
    expect(fieldErrorsOf(dup)).toHaveProperty("email");
    await s.as.product.flags.update({ key: "boards.default-sort", version: await versionOf("boards.default-sort"), targeting: { enabled: true, rules: [{ id: "birds", attribute: "cohort", values: ["early-birds"], serve: "trending" }, { id: "pro", attribute: "plan", values: ["pro"], serve: "new" }], rollout: null, fallthrough: "top" } });
    await untilStore(() => flagStore().evaluate("boards.default-sort", { userId: w.member.id }).ruleId === "birds");
    expect(await s.as.support.flags.explain({ key: "boards.default-sort", userEmail: w.member.email, workspaceSlug: w.ws })).toMatchObject({ value: "trending", variant: "trending", reason: "TARGETING_MATCH", ruleId: "birds", user: { id: w.member.id }, workspace: { slug: w.ws } });
    expect(await s.as.support.flags.explain({ key: "boards.default-sort", userEmail: w.owner.email })).toMatchObject({ value: "top", ruleId: null });
    expect((await s.as.support.flags.cohorts()).cohorts.find((c) => c.name === "early-birds")?.members.map((m) => m.email)).toEqual([w.member.email]);
    await s.as.product.flags.removeCohortMember({ cohort: "early-birds", userId: w.member.id });
    await untilStore(() => flagStore().evaluate("boards.default-sort", { userId: w.member.id }).ruleId === null);
  });

  it("a staff override applies to that staff member only, through a signed cookie", async () => {
    const s = await staffWorld();
    const key = "feedback.similar-posts";
    await s.as.product.flags.update({ key, version: await versionOf(key), targeting: { ...on, fallthrough: false } });
    await untilStore(() => flagStore().evaluate(key, {}).value === false);
    const headers = await signedInHeaders(s.support.id);
    const caller = await callerWithHeaders(headers);
    const ctxHeaders = new Headers(headers);
    const res = new Headers();
    const { createCaller } = await import("@/server/trpc/root");
    const { createTrpcContext } = await import("@/server/trpc/context");
    await createCaller(await createTrpcContext({ headers: ctxHeaders, requestId: "override", resHeaders: res })).flags.setOverride({ key, value: true });
    const cookie = res.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${overrideCookieName()}=[^;]+; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200`));
    const value = cookie.split(";")[0]!;

    const withOverride = await callerWithHeaders({ cookie: `${headers.cookie}; ${value}` });
    expect((await withOverride.flags.evaluate({ workspaceSlug: null })).values[key]).toMatchObject({ value: true, reason: "OVERRIDE" });
    expect((await caller.flags.evaluate({ workspaceSlug: null })).values[key]).toMatchObject({ value: false });
    // Another person presenting the same cookie gets nothing from it, staff or not.
    for (const other of [s.admin, s.plain]) {
      const stolen = await callerWithHeaders({ cookie: `${(await signedInHeaders(other.id)).cookie}; ${value}` });
      expect((await stolen.flags.evaluate({ workspaceSlug: null })).values[key]).toMatchObject({ value: false });
    }
    const tampered = value.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await (await callerWithHeaders({ cookie: `${headers.cookie}; ${tampered}` })).flags.evaluate({ workspaceSlug: null })).values[key]).toMatchObject({ value: false });
    expect((await withOverride.flags.list()).flags.find((f) => f.key === key)?.override).toBe(true);
  });
});

describe("features behind flags", () => {
  it("Trending is refused on the server when the flag is off for the viewer, and similar posts go quiet", async () => {
    const s = await staffWorld();
    const w = await makeBoards("Flagged Co");
    await postOn(w.publicBoard, w.member.id, { title: "Dark mode for the dashboard" });
    const input = { workspaceSlug: w.ws, boardId: w.publicBoard.id, sort: "trending" as const, limit: 10 };
    await s.as.product.flags.update({ key: "boards.trending-sort", version: await versionOf("boards.trending-sort"), targeting: { enabled: true, rules: [{ id: "member", attribute: "user", values: [w.member.id], serve: true }], rollout: null, fallthrough: false } });
    await untilStore(() => flagStore().evaluate("boards.trending-sort", { userId: w.member.id }).ruleId === "member");
    expect((await w.as.member.feedback.posts(input)).items).toHaveLength(1);
    const refused = await rejection(w.as.owner.feedback.posts(input));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(refused)).toHaveProperty("sort");

    const similar = { workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "Dark mode" };
    await s.as.product.flags.update({ key: "feedback.similar-posts", version: await versionOf("feedback.similar-posts"), targeting: on });
    await untilStore(() => flagStore().evaluate("feedback.similar-posts", {}).value === true);
    expect((await w.as.member.feedback.similar(similar)).items).toHaveLength(1);
    await s.as.support.flags.setKillSwitch({ key: "feedback.similar-posts", killed: true, reason: "slow query" });
    await untilStore(() => flagStore().evaluate("feedback.similar-posts", {}).reason === "KILLED");
    expect((await w.as.member.feedback.similar(similar)).items).toEqual([]);
    await s.as.support.flags.setKillSwitch({ key: "feedback.similar-posts", killed: false });
  });
});

describe("evaluation costs no query; counts are sampled and written in batches", () => {
  it("getFlag and the browser's whole set run zero queries", async () => {
    const s = await staffWorld();
    await flagStore().ready();
    const count = await runWithRequestContext({ requestId: "flags-count" }, async () => {
      for (let i = 0; i < 50; i++) await getFlag("boards.trending-sort", { userId: s.plain.id, workspaceId: s.admin.id, plan: "pro" });
      const { evaluateClientFlags } = await import("@/server/flags/flags");
      await evaluateClientFlags({ userId: s.plain.id });
      return currentRequestContext()!.queries.count;
    });
    expect(count).toBe(0);
  });

  it("the counter writes one upsert per flush, weighted by the sampling rate", async () => {
    let n = 0;
    const counter = createEvaluationCounter({ sampleRate: 0.5, random: () => (n++ % 2 === 0 ? 0.1 : 0.9), intervalMs: 60_000 });
    for (let i = 0; i < 100; i++) counter.record("batch.test-flag", i < 60 ? "on" : "off");
    const writes = await runWithRequestContext({ requestId: "flags-flush" }, async () => {
      await counter.flush();
      return currentRequestContext()!.queries.count;
    });
    counter.stop();
    expect(writes).toBe(1);
    const rows = await db.select({ variant: featureFlagEvaluations.variant, count: featureFlagEvaluations.count }).from(featureFlagEvaluations).where(eq(featureFlagEvaluations.flagKey, "batch.test-flag"));
    expect(Object.fromEntries(rows.map((r) => [r.variant, r.count]))).toEqual({ on: 60, off: 40 });
  });
});
