/**
 * Per-preview flag overrides and the runtime file: staff set a flag value for one preview
 * (`previews.setFlag`, audited, field errors for a value the flag doesn't take); the driver
 * writes it, with the current expiry, to the preview's runtime file; a process running as that
 * preview (PREVIEW_RUNTIME_FILE, here this test process) serves the value to everyone and shows
 * the new expiry after an extend, without a restart.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const hoisted = await vi.hoisted(async () => {
  const [{ default: os }, { default: path }, { randomUUID }, { mkdtempSync }] = await Promise.all([import("node:os"), import("node:path"), import("node:crypto"), import("node:fs")]);
  const root = mkdtempSync(path.join(os.tmpdir(), "groundwork-preview-flags-"));
  const previewId = randomUUID();
  Object.assign(process.env, {
    PREVIEW_ROOT: root,
    // This process plays the preview: what the driver's appEnv gives a started preview.
    PREVIEW_COMMIT: "b".repeat(40),
    PREVIEW_EXPIRES_AT: new Date(Date.now() + 3_600_000).toISOString(),
    PREVIEW_RUNTIME_FILE: path.join(root, previewId, "runtime.json"),
  });
  return { root, previewId };
});

import { and, eq } from "drizzle-orm";
import { currentPreview } from "@/features/previews/server/current-preview";
import { extendPreview } from "@/features/previews/server/lifecycle";
import { previewDir } from "@/features/previews/server/config";
import { db } from "@/server/db/client";
import { previews, previewSteps, staffAuditLog } from "@/server/db/schema";
import { PREVIEW_STEPS } from "@/features/previews/schemas";
import { flagStore } from "@/server/flags/store";
import { callerFor, newUser } from "../workspaces/world";

let staff: Awaited<ReturnType<typeof newUser>>;
beforeAll(async () => {
  staff = await newUser({ staffRole: "product" });
  await db.insert(previews).values({
    id: hoisted.previewId,
    driver: "local",
    ref: "main",
    branch: "main",
    commitSha: "b".repeat(40),
    state: "ready",
    createdById: staff.id,
    createdByEmail: staff.email,
    expiresAt: new Date(process.env.PREVIEW_EXPIRES_AT!),
  });
  await db.insert(previewSteps).values(PREVIEW_STEPS.map((s, position) => ({ previewId: hoisted.previewId, step: s.name, position })));
  fs.mkdirSync(previewDir(hoisted.previewId), { recursive: true });
  await flagStore().ready();
});
afterAll(async () => {
  await flagStore().stop();
  fs.rmSync(hoisted.root, { recursive: true, force: true });
});

const anyone = { userId: null, email: null, staffRole: null, workspaceId: null, plan: null, overrides: null };

describe("previews.setFlag", () => {
  it("sets a flag for one preview: audited, listed, written to its runtime file and served to everyone there; null removes it", async () => {
    const caller = await callerFor(staff);
    expect(flagStore().evaluate("boards.default-sort", anyone).value).not.toBe("new");

    expect(await caller.previews.setFlag({ previewId: hoisted.previewId, key: "boards.default-sort", value: "new" })).toEqual({ previewId: hoisted.previewId, key: "boards.default-sort", value: "new" });
    expect(JSON.parse(fs.readFileSync(process.env.PREVIEW_RUNTIME_FILE!, "utf8")).flags).toEqual({ "boards.default-sort": "new" });
    expect(flagStore().evaluate("boards.default-sort", anyone)).toMatchObject({ value: "new", reason: "OVERRIDE" });
    const listed = (await caller.previews.list()).previews.find((p) => p.id === hoisted.previewId);
    expect(listed?.flags).toEqual({ "boards.default-sort": "new" });
    const [audit] = await db.select().from(staffAuditLog).where(and(eq(staffAuditLog.targetId, hoisted.previewId), eq(staffAuditLog.action, "preview.flag")));
    expect(audit).toMatchObject({ actorUserId: staff.id, before: { key: "boards.default-sort", value: null }, after: { key: "boards.default-sort", value: "new" } });

    await caller.previews.setFlag({ previewId: hoisted.previewId, key: "boards.default-sort", value: null });
    expect(flagStore().evaluate("boards.default-sort", anyone).reason).not.toBe("OVERRIDE");
    expect((await caller.previews.list()).previews.find((p) => p.id === hoisted.previewId)?.flags).toEqual({});
  });

  it("a value the flag doesn't take is a field error on `value`; an unknown flag on `key`", async () => {
    const caller = await callerFor(staff);
    await expect(caller.previews.setFlag({ previewId: hoisted.previewId, key: "boards.default-sort", value: "sideways" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { fieldErrors: { value: [expect.stringContaining("top, trending, new")] } },
    });
    await expect(caller.previews.setFlag({ previewId: hoisted.previewId, key: "no.such-flag" as never, value: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a GitHub-driver preview is refused with a message, and nothing is stored (no file would carry the value to Vercel)", async () => {
    const [row] = await db
      .insert(previews)
      .values({ driver: "github", ref: "main", branch: "main", commitSha: "c".repeat(40), state: "ready", createdById: staff.id, createdByEmail: staff.email, expiresAt: new Date(Date.now() + 3_600_000) })
      .returning({ id: previews.id });
    const caller = await callerFor(staff);
    await expect(caller.previews.setFlag({ previewId: row!.id, key: "boards.default-sort", value: "new" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("on this machine only"),
    });
    expect((await caller.previews.list()).previews.find((p) => p.id === row!.id)?.flags).toEqual({});
  });

  it("support staff and normal users are refused", async () => {
    for (const user of [await newUser({ staffRole: "support" }), await newUser()]) {
      await expect((await callerFor(user)).previews.setFlag({ previewId: hoisted.previewId, key: "boards.trending-sort", value: false })).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) });
    }
  });
});

describe("the preview's banner after an extend", () => {
  it("shows the new expiry at once: the runtime file has it", async () => {
    const before = currentPreview()!.expiresAt!;
    const { expiresAt } = await extendPreview({ previewId: hoisted.previewId, hours: 5 }, { userId: staff.id, email: staff.email, ip: null }, db);
    expect(expiresAt.getTime()).toBeGreaterThan(before.getTime());
    expect(currentPreview()!.expiresAt).toEqual(expiresAt);
  });
});
