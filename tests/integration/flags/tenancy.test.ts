/**
 * Flags are global, but evaluation takes the page's workspace: a workspace's targeting applies
 * only to people who may see that workspace (members; anyone when it has a public board), and
 * every staff procedure refuses non-staff of every kind, support below product for edits.
 */
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { createFeedbackBoard } from "@/server/db/factories";
import { flagStore } from "@/server/flags/store";
import { makeWorld, nextRandom } from "../workspaces/world";
import { rejection, staffWorld, stopFlags, untilStore } from "./world";

afterAll(stopFlags);

describe("workspace targeting reaches only those who may see the workspace", () => {
  it("members get a private workspace's values; outsiders and the signed-out don't, and can't tell it exists", async () => {
    const s = await staffWorld();
    const w = await makeWorld("Private Flags Co");
    await s.as.product.flags.update({ key: "boards.default-sort", version: 0, targeting: { enabled: true, rules: [{ id: "ws", attribute: "workspace", values: [w.workspace.id], serve: "new" }], rollout: null, fallthrough: "top" } });
    await untilStore(() => flagStore().evaluate("boards.default-sort", { workspaceId: w.workspace.id }).ruleId === "ws");
    const value = async (caller: typeof w.as.member, slug: string) => (await caller.flags.evaluate({ workspaceSlug: slug })).values["boards.default-sort"]?.value;
    expect(await value(w.as.member, w.workspace.slug)).toBe("new");
    expect(await value(w.as.outsider, w.workspace.slug)).toBe("top");
    expect(await value(w.as.anonymous, w.workspace.slug)).toBe("top");
    expect(await value(w.as.outsider, "no-such-workspace")).toBe("top");
    // A public board makes the workspace visible to all, and its targeting with it.
    await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, visibility: "public" });
    expect(await value(w.as.anonymous, w.workspace.slug)).toBe("new");
  });

  it("staff procedures refuse non-staff; rollout edits and cohorts refuse support staff", async () => {
    const s = await staffWorld();
    const w = await makeWorld("Refusals Co");
    const calls = (c: typeof s.as.plain) => [
      () => c.flags.list(),
      () => c.flags.explain({ key: "boards.trending-sort", userEmail: w.member.email }),
      () => c.flags.audit({}),
      () => c.flags.cohorts(),
      () => c.flags.setKillSwitch({ key: "boards.trending-sort", killed: true, reason: "nope" }),
      () => c.flags.setOverride({ key: "boards.trending-sort", value: false }),
      () => c.flags.update({ key: "boards.trending-sort", version: 0, targeting: { enabled: false, rules: [], rollout: null, fallthrough: false } }),
      () => c.flags.addCohortMember({ cohort: "beta", email: w.member.email }),
      () => c.flags.removeCohortMember({ cohort: "beta", userId: w.member.id }),
    ];
    for (const caller of [s.as.plain, w.as.owner, w.as.anonymous]) {
      for (const call of calls(caller)) expect(["FORBIDDEN", "UNAUTHORIZED"]).toContain((await rejection(call())).code);
    }
    for (const call of calls(s.as.support).slice(6)) expect((await rejection(call())).code).toBe("FORBIDDEN");
  });
});
