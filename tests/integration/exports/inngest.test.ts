/**
 * The other side of the switch: with Inngest configured (the local dev server here), a
 * requested export is built by the `build-data-export` function, one step per operation.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { InngestDevServer } from "../../../tools/inngest-dev";

const devPort = await vi.hoisted(async () => {
  const { findFreePort } = await import("../../../tools/embedded-postgres");
  const port = await findFreePort();
  process.env.INNGEST_DEV = `http://127.0.0.1:${port}`;
  return port;
});

import { startInngestDevServer } from "../../../tools/inngest-dev";
import { GET, POST, PUT } from "@/app/api/inngest/route";
import { INTERRUPTED_MESSAGE, STALE_QUEUED_SECONDS } from "@/features/exports/server/fail-stale-exports";
import { SCHEDULED_WORK } from "@/features/jobs/server/scheduled-work";
import { db } from "@/server/db/client";
import { devServer } from "@/server/jobs/dev-server-api";
import { callerFor, newUser } from "../workspaces/world";
import { EXPORT_STEPS } from "@/features/exports/server/steps";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
const routes = { GET, POST, PUT } as unknown as Record<string, Handler>;
let app: http.Server;
/** While true the app "is down": /api/inngest answers 503, as a crashed or restarting instance behind a proxy would. */
let appDown = false;
let dev: InngestDevServer;

beforeAll(async () => {
  app = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const handler = url.pathname === "/api/inngest" ? routes[req.method ?? "GET"] : undefined;
    if (!handler) return void res.writeHead(404).end();
    if (appDown) return void res.writeHead(503).end();
    const response = await handler(new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body: chunks.length ? Buffer.concat(chunks) : undefined }), {});
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  dev = await startInngestDevServer({ databaseUrl: process.env.DATABASE_URL!, port: devPort, appUrl: `${origin}/api/inngest`, pollMs: 50, retryBaseMs: 50 });
});

afterAll(async () => {
  await dev?.stop();
  await new Promise<void>((resolve) => {
    app.close(() => resolve());
    app.closeAllConnections();
  });
});

describe("build-data-export on Inngest", () => {
  it("runs start, each collect step and assemble as steps, and the export ends done", async () => {
    const caller = await callerFor(await newUser());
    const queued = await caller.exports.request();
    const deadline = Date.now() + 15_000;
    let current = queued;
    while (current.status !== "done" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      current = await caller.exports.get({ id: queued.id });
    }
    expect(current).toMatchObject({ status: "done", progress: 100, downloadUrl: `/api/exports/${queued.id}/download` });

    // The row is done inside the last step; the run completes when that step's response lands.
    const exportRun = async () => (await devServer.listRuns({ limit: 20 })).find((r) => r.functionId === "groundwork-build-data-export");
    await expect.poll(async () => (await exportRun())?.status, { timeout: 30_000 }).toBe("completed");
    const run = await exportRun();
    expect(run).toMatchObject({ status: "completed", event: { id: queued.id, name: "app/export.requested", data: { exportId: queued.id } } });
    const detail = await devServer.getRun(run!.id);
    expect(detail?.steps.map((s) => s.name)).toEqual(["start", ...EXPORT_STEPS.map((step) => step.name), "assemble"]);
  });

  it("when the app was down for every retry, and for both tries of the failure handler, the cron still fails the export with a message and a new one works", async () => {
    const caller = await callerFor(await newUser());
    appDown = true;
    let queued;
    try {
      queued = await caller.exports.request();
      const run = async (fn: string) => (await devServer.listRuns({ limit: 50 })).find((r) => r.functionId === fn && JSON.stringify(r.event).includes(queued!.id));
      await expect.poll(async () => (await run("groundwork-build-data-export"))?.status, { timeout: 30_000 }).toBe("failed");
      // The SDK gives a failure handler one retry; the app was down for both.
      await expect.poll(async () => (await run("groundwork-build-data-export-failure"))?.status, { timeout: 30_000 }).toBe("failed");
    } finally {
      appDown = false;
    }
    expect(await caller.exports.get({ id: queued.id })).toMatchObject({ status: "queued" });

    const sweep = SCHEDULED_WORK.flatMap((w) => w.steps).find((s) => s.name === "fail-stale-exports")!;
    await sweep.run(db, new Date(Date.now() + (STALE_QUEUED_SECONDS + 1) * 1000));
    expect(await caller.exports.get({ id: queued.id })).toMatchObject({ status: "failed", error: INTERRUPTED_MESSAGE });
    const again = await caller.exports.request();
    await expect.poll(async () => (await caller.exports.get({ id: again.id })).status, { timeout: 30_000 }).toBe("done");
  }, 90_000);
});
