/**
 * The preview pipeline end to end on the local driver: the real Inngest SDK served by the app's
 * /api/inngest route, driven by the local Inngest dev server, building a fixture repository
 * (tests/integration/previews/fixture-repo.ts) into worktrees, databases and processes of its own.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { InngestDevServer } from "../../../tools/inngest-dev";

const hoisted = await vi.hoisted(async () => {
  const { findFreePort } = await import("../../../tools/embedded-postgres");
  const { makeFixtureRepo } = await import("./fixture-repo");
  const devPort = await findFreePort();
  const fixture = makeFixtureRepo();
  Object.assign(process.env, {
    INNGEST_DEV: `http://127.0.0.1:${devPort}`,
    PREVIEW_REPO_PATH: fixture.repo,
    PREVIEW_ROOT: fixture.root,
    PREVIEW_MAX_CONCURRENT: "2",
    PREVIEW_PORT_BASE: String(20_000 + Math.floor(Math.random() * 20_000)),
  });
  return { devPort, fixture };
});

import { and, eq, sql } from "drizzle-orm";
import { startInngestDevServer } from "../../../tools/inngest-dev";
import { GET, POST, PUT } from "@/app/api/inngest/route";
import { db } from "@/server/db/client";
import { previews, previewSteps, staffAuditLog } from "@/server/db/schema";
import { devServer } from "@/server/jobs/dev-server-api";
import { previewDatabaseName } from "@/features/previews/server/config";
import { isAlive } from "@/features/previews/server/local/process";
import { reconcilePreviews } from "@/features/previews/server/reconcile-previews";
import { createPreview } from "@/features/previews/server/create-preview";
import { teardownPreview } from "@/features/previews/server/teardown-preview";
import { callerFor, newUser } from "../workspaces/world";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
const routes = { GET, POST, PUT } as unknown as Record<string, Handler>;
let app: http.Server;
let dev: InngestDevServer;

beforeAll(async () => {
  app = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const handler = url.pathname === "/api/inngest" ? routes[req.method ?? "GET"] : undefined;
    if (!handler) return void res.writeHead(404).end();
    const response = await handler(new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body: chunks.length ? Buffer.concat(chunks) : undefined }), {});
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  dev = await startInngestDevServer({ databaseUrl: process.env.DATABASE_URL!, port: hoisted.devPort, appUrl: `${origin}/api/inngest`, pollMs: 50, retryBaseMs: 50 });
});

afterAll(async () => {
  // Anything a failed test left running goes too.
  for (const row of await db.select({ id: previews.id }).from(previews)) await teardownPreview(db, row.id, "destroyed");
  await dev?.stop();
  await new Promise<void>((resolve) => {
    app.close(() => resolve());
    app.closeAllConnections();
  });
  hoisted.fixture.remove();
});

const product = async () => callerFor(await newUser({ staffRole: "product" }));
const rowOf = async (id: string) => (await db.select().from(previews).where(eq(previews.id, id)))[0]!;
const stateOf = async (id: string) => (await rowOf(id)).state;
const pipelineRun = async (id: string) => (await devServer.listRuns({ limit: 100 })).find((r) => r.functionId === "groundwork-preview-pipeline" && (r.event.data as { previewId?: string }).previewId === id);
const databaseExists = async (id: string) => ((await db.execute(sql`select 1 from pg_database where datname = ${previewDatabaseName(id)}`)) as unknown[]).length > 0;
const worktree = (id: string) => path.join(hoisted.fixture.root, id, "app");
const slow = { timeout: 60_000, interval: 250 };

/** Waits for a state; on timeout the failure shows where the pipeline was. */
async function waitForState(id: string, state: string) {
  const deadline = Date.now() + 90_000;
  while ((await stateOf(id)) !== state) {
    if (Date.now() > deadline) {
      const row = await rowOf(id);
      const steps = (await db.select().from(previewSteps).where(eq(previewSteps.previewId, id))).map((s) => `${s.step}:${s.status} ${s.logTail.slice(-300)}`);
      throw new Error(`preview ${id} is ${row.state} (step ${row.currentStep}, ${row.error}), not ${state}:\n${steps.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Nothing of the preview is left: process, database, worktree. */
async function expectGone(id: string, pid: number | null) {
  expect(await stateOf(id)).toBe("destroyed");
  expect(pid && isAlive(pid)).toBeFalsy();
  expect(await databaseExists(id)).toBe(false);
  expect(fs.existsSync(worktree(id))).toBe(false);
}

describe("preview pipeline (local driver)", { timeout: 240_000 }, () => {
  it("builds a branch to ready (each step timed, the app answering with its commit), is extended, and tears itself down at expiry", async () => {
    const caller = await product();
    const { id } = await caller.previews.create({ ref: "main" });
    await waitForState(id, "ready");

    const { previews: listed } = await caller.previews.list();
    const preview = listed.find((p) => p.id === id)!;
    expect(preview).toMatchObject({ branch: "main", state: "ready", createdByEmail: expect.any(String) });
    expect(preview.steps.map((s) => [s.step, s.status])).toEqual([
      ["checkout", "done"], ["install", "done"], ["database", "done"], ["migrate", "done"], ["seed", "done"], ["build", "done"], ["start", "done"], ["health", "done"], ["smoke", "done"],
    ]);
    expect(preview.steps.every((s) => typeof s.durationMs === "number")).toBe(true);
    expect(preview.steps.find((s) => s.step === "smoke")!.logTail).toContain("health 200");
    const page = await (await fetch(preview.url!)).text();
    expect(page).toContain(`content="${preview.commitSha.slice(0, 12)}"`);
    expect(await databaseExists(id)).toBe(true);
    const [audit] = await db.select().from(staffAuditLog).where(and(eq(staffAuditLog.targetId, id), eq(staffAuditLog.action, "preview.create")));
    expect(audit).toMatchObject({ targetType: "preview" });

    // Extend: the sleeping wait ends and a new one starts until the later expiry.
    const run = (await pipelineRun(id))!;
    await expect.poll(async () => (await devServer.getRun(run.id))?.steps.map((s) => s.name), slow).toContain("ttl-0");
    const before = (await rowOf(id)).expiresAt;
    const extended = await caller.previews.extend({ previewId: id, hours: 2 });
    expect(extended.expiresAt.getTime()).toBe(before.getTime() + 2 * 3_600_000);
    await expect.poll(async () => (await devServer.getRun(run.id))?.steps.map((s) => s.name), slow).toContain("ttl-1");

    // Expiry: time moves past expires_at (set back here), and the dev server's timer for the wait comes due now.
    const pid = (await rowOf(id)).pid;
    expect(isAlive(pid)).toBe(true);
    await db.update(previews).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(previews.id, id));
    await db.execute(sql`update inngest_dev.jobs set run_at = now() where run_id = ${run.id} and kind = 'wait_timeout'`);
    await waitForState(id, "destroyed");
    await expect.poll(async () => (await devServer.getRun(run.id))?.status, slow).toBe("completed");
    await expectGone(id, pid);
  });

  it("'Destroy now' cancels the sleeping pipeline and leaves nothing behind; a second install uses the cache and the migrated template", async () => {
    const caller = await product();
    const { id } = await caller.previews.create({ ref: "main" });
    await waitForState(id, "ready");
    const { previews: listed } = await caller.previews.list();
    const steps = listed.find((p) => p.id === id)!.steps;
    expect(steps.find((s) => s.step === "install")!.logTail).toContain("from the cache");
    expect(steps.find((s) => s.step === "database")!.logTail).toContain("cloned from the migrated template");

    // The reconciler notices a server that died; a restart runs the pipeline again from "start".
    const firstPid = (await rowOf(id)).pid!;
    process.kill(-firstPid, "SIGKILL");
    await expect.poll(() => isAlive(firstPid), slow).toBe(false);
    expect(await reconcilePreviews(db)).toEqual({ dead: [id] });
    expect(await rowOf(id)).toMatchObject({ state: "dead", error: "The preview's server process stopped. Restart it to bring it back." });
    await caller.previews.retry({ previewId: id });
    await waitForState(id, "ready");
    expect((await rowOf(id)).pid).not.toBe(firstPid);

    const pid = (await rowOf(id)).pid;
    await caller.previews.destroy({ previewId: id });
    await expect.poll(async () => (await pipelineRun(id))?.status, slow).toBe("cancelled");
    await waitForState(id, "destroyed");
    await expectGone(id, pid);
    const actions = await db.select({ action: staffAuditLog.action }).from(staffAuditLog).where(eq(staffAuditLog.targetId, id));
    expect(actions.map((a) => a.action).sort()).toEqual(["preview.create", "preview.destroy", "preview.restart"]);
  });

  it("a failing step stops the pipeline with the end of its log; Retry resumes from that step", async () => {
    const caller = await product();
    const { id } = await caller.previews.create({ ref: "broken-build" });
    await waitForState(id, "failed");
    const failed = (await caller.previews.list()).previews.find((p) => p.id === id)!;
    expect(failed).toMatchObject({ failedStep: "build", error: "Build failed: exited with code 1" });
    expect(failed.steps.find((s) => s.step === "build")!.logTail).toContain("the build is broken");
    expect(failed.steps.find((s) => s.step === "start")!.status).toBe("pending");
    const checkedOutAt = failed.steps.find((s) => s.step === "checkout")!.endedAt;

    fs.writeFileSync(path.join(hoisted.fixture.root, "allow-build"), "");
    try {
      await caller.previews.retry({ previewId: id });
      await waitForState(id, "ready");
    } finally {
      fs.rmSync(path.join(hoisted.fixture.root, "allow-build"), { force: true });
    }
    const ready = (await caller.previews.list()).previews.find((p) => p.id === id)!;
    // The steps before the failed one were not run again.
    expect(ready.steps.find((s) => s.step === "checkout")!.endedAt).toEqual(checkedOutAt);
    expect(ready.steps.every((s) => s.status === "done")).toBe(true);
    const pid = (await rowOf(id)).pid;
    await caller.previews.destroy({ previewId: id });
    await waitForState(id, "destroyed");
    await expectGone(id, pid);
  });

  it("refuses a preview past the cap with a message saying what to do, and an unknown ref naming the field", async () => {
    const caller = await product();
    const created = [await caller.previews.create({ ref: "broken-build" }), await caller.previews.create({ ref: "broken-build" })];
    await expect(caller.previews.create({ ref: "main" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "2 previews are up and the limit is 2. Destroy one you no longer need, then create this one.",
    });
    await expect(caller.previews.create({ ref: "no-such-branch" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: 'No branch or commit "no-such-branch" in the repository.' });
    for (const { id } of created) {
      await waitForState(id, "failed");
      await caller.previews.destroy({ previewId: id });
    }
    for (const { id } of created) await waitForState(id, "destroyed");
  });

  it("refuses support staff and normal users; lists the repository's branches for product staff", async () => {
    for (const user of [await newUser({ staffRole: "support" }), await newUser()]) {
      const caller = await callerFor(user);
      await expect(caller.previews.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(caller.previews.create({ ref: "main" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const { branches } = await (await product()).previews.branches();
    expect(branches.map((b) => b.name).sort()).toEqual(["broken-build", "main"]);
    expect(branches.every((b) => /^[0-9a-f]{40}$/.test(b.commitSha))).toBe(true);

    // A commit (here a prefix of one) is a ref too: the preview records the full SHA and no branch.
    const staff = await newUser({ staffRole: "product" });
    const main = branches.find((b) => b.name === "main")!;
    const row = await createPreview({ ref: main.commitSha.slice(0, 10) }, { userId: staff.id, email: staff.email, ip: null }, db);
    try {
      expect(row).toMatchObject({ branch: null, ref: main.commitSha.slice(0, 10), commitSha: main.commitSha });
    } finally {
      await teardownPreview(db, row.id, "destroyed");
    }
  });
});
