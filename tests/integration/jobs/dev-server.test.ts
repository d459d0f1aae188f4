/**
 * End to end on the local Inngest dev server (tools/inngest-dev): the app's real serve route
 * (/api/inngest) behind a loopback HTTP bridge, its real client in dev mode pointed at the
 * dev server, against this file's database.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { InngestDevServer } from "../../../tools/inngest-dev";

const devPort = await vi.hoisted(async () => {
  const { findFreePort } = await import("../../../tools/embedded-postgres");
  const port = await findFreePort();
  process.env.INNGEST_DEV = `http://127.0.0.1:${port}`;
  return port;
});

import { NonRetriableError } from "inngest";
import { serve } from "inngest/next";
import { startInngestDevServer } from "../../../tools/inngest-dev";
import { GET, POST, PUT } from "@/app/api/inngest/route";
import { replayDeadLetteredEmail } from "@/features/jobs/server/replay-dead-lettered-email";
import { replayRun } from "@/features/jobs/server/replay-run";
import { db } from "@/server/db/client";
import { devMailbox, jobHeartbeats, outbox, staffAuditLog } from "@/server/db/schema";
import { transactionWithEffects } from "@/server/db/transaction";
import { inngest } from "@/server/inngest/client";
import { relayOutbox } from "@/server/outbox/relay";
import { devServer } from "@/server/jobs/dev-server-api";
import { toRunSummary } from "@/features/jobs/server/list-runs";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
const calls = { first: 0, flaky: 0 };
let fatalCalls = 0;
const flaky = inngest.createFunction({ id: "test-flaky", retries: 3, triggers: [{ event: "test/flaky" }] }, async ({ step }) => {
  await step.run("first", () => ++calls.first);
  return step.run("flaky", () => {
    if (++calls.flaky < 3) throw new Error(`flake ${calls.flaky}`);
    return "third time lucky";
  });
});
// Fails for good the first time (no retries), succeeds when staff replay it.
const fatal = inngest.createFunction({ id: "test-fatal", retries: 0, triggers: [{ event: "test/fatal" }] }, async () => {
  if (++fatalCalls === 1) throw new NonRetriableError("the first run fails for good");
  return "replayed";
});
const testServe = serve({ client: inngest, functions: [flaky, fatal] });
// A staff member as the audit log records them (the column is a uuid; no user row is needed).
const staff = { userId: "00000000-0000-4000-8000-00000000a11d", email: "staff@jobs.test", ip: "127.0.0.1" };
const routes: Record<string, Record<string, Handler>> = {
  "/api/inngest": { GET, POST, PUT } as unknown as Record<string, Handler>,
  "/test/inngest": { GET: testServe.GET, POST: testServe.POST, PUT: testServe.PUT } as unknown as Record<string, Handler>,
};

let app: http.Server;
let appOrigin: string;
let dev: InngestDevServer;

beforeAll(async () => {
  // Node request → web Request → the route handler → node response.
  app = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", appOrigin);
    const handler = routes[url.pathname]?.[req.method ?? "GET"];
    if (!handler) return void res.writeHead(404).end();
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const response = await handler(new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body }), {});
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  dev = await startInngestDevServer({ databaseUrl: process.env.DATABASE_URL!, port: devPort, appUrl: `${appOrigin}/api/inngest`, pollMs: 50, retryBaseMs: 50 });
  await dev.sync(`${appOrigin}/test/inngest`);
});

afterAll(async () => {
  await dev?.stop();
  await new Promise<void>((resolve) => {
    app.close(() => resolve());
    app.closeAllConnections();
  });
});

async function until<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const runsOf = async (fn: string) => (await devServer.listRuns({ limit: 100 })).filter((r) => r.functionId === `groundwork-${fn}`);

describe("background work on the local Inngest dev server", () => {
  it("syncs the app's functions and registers the cron heartbeats", async () => {
    const heartbeats = await db.select().from(jobHeartbeats);
    expect(heartbeats.map((h) => h.name).sort()).toEqual(["billing-reconcile", "billing-usage", "relay-outbox", "retention-cleanup"]);
    expect(heartbeats.every((h) => h.lastBeatAt === null)).toBe(true);
  });

  it("delivers an email written by transactionWithEffects through the deliver-email function", async () => {
    await transactionWithEffects(db, async (_tx, effects) => {
      await effects.email({ to: "e2e@jobs.test", subject: "Through Inngest", text: "hi", html: "<p>hi</p>" });
    });
    const [row] = await db.select().from(outbox);
    expect(row!.relayedAt).not.toBeNull();
    const mail = await until("the dev mailbox row", async () => (await db.select().from(devMailbox).where(eq(devMailbox.outboxId, row!.id)))[0]);
    expect(mail).toMatchObject({ to: "e2e@jobs.test", subject: "Through Inngest" });
    const [run] = await until("a completed deliver-email run", async () => {
      const runs = await runsOf("deliver-email");
      return runs.some((r) => r.status === "completed") ? runs : null;
    });
    expect(run).toMatchObject({ status: "completed", event: { id: row!.id, name: "app/email.requested", data: { outboxId: row!.id } }, output: { status: "sent" } });
    const [sent] = await db.select().from(outbox).where(eq(outbox.id, row!.id));
    expect(sent!.sentAt).not.toBeNull();

    // The relay retrying with the same event id starts no second run.
    await db.update(outbox).set({ relayedAt: null }).where(eq(outbox.id, row!.id));
    await inngest.send({ id: row!.id, name: "app/email.requested", data: { outboxId: row!.id } });
    await new Promise((r) => setTimeout(r, 400));
    expect(await runsOf("deliver-email")).toHaveLength(1);
  });

  it("retries a failing step; the steps before it ran once", async () => {
    await inngest.send({ name: "test/flaky", data: {} });
    const [run] = await until("the flaky run", async () => {
      const runs = await runsOf("test-flaky");
      return runs.some((r) => r.status === "completed") ? runs : null;
    });
    expect(run!.output).toBe("third time lucky");
    expect(calls).toEqual({ first: 1, flaky: 3 });
    // The staff page counts the run's 2 steps, and its calls to the app apart from them.
    const summary = toRunSummary(run!);
    expect(summary.stepCount).toBe(2);
    expect(summary.calls).toBeGreaterThan(summary.stepCount!);
  });

  it("dead-letters an email whose delivery keeps failing, and staff replay delivers it", async () => {
    // A payload the dev mailbox rejects (no recipient): every attempt fails.
    const [row] = await db.insert(outbox).values({ kind: "email", payload: { subject: "Broken" } }).returning();
    await relayOutbox(db, [row!.id]);
    const dead = await until("the dead letter", async () => (await db.select().from(outbox).where(eq(outbox.id, row!.id))).find((r) => r.deadLetteredAt));
    expect(dead.attempts).toBe(5); // retries: 4
    expect(dead.sentAt).toBeNull();

    await db.update(outbox).set({ payload: { to: "fixed@jobs.test", subject: "Fixed", text: "t", html: "h" } }).where(eq(outbox.id, row!.id));
    expect(await replayDeadLetteredEmail({ outboxId: row!.id }, staff, db)).toEqual({ kind: "replayed", via: "inngest" });
    expect(await replayDeadLetteredEmail({ outboxId: row!.id }, staff, db)).toEqual({ kind: "not_dead_lettered" });
    await until("the replayed email", async () => (await db.select().from(devMailbox).where(eq(devMailbox.outboxId, row!.id)))[0]);
    const runs = await runsOf("deliver-email");
    expect(runs.filter((r) => r.event.data && (r.event.data as { outboxId: string }).outboxId === row!.id).map((r) => r.event.id).sort()).toEqual([row!.id, `${row!.id}:replay-1`]);
    // One staff audit entry: the second click replayed nothing.
    const audit = await db.select().from(staffAuditLog).where(and(eq(staffAuditLog.targetType, "outbox"), eq(staffAuditLog.targetId, row!.id)));
    expect(audit.map((a) => [a.action, a.actorEmail, a.after])).toEqual([["outbox.replayed", staff.email, { kind: "email", replays: 1 }]]);
  });

  it("staff replay a failed run: it runs again with its original event, and the staff audit log records who replayed it", async () => {
    await inngest.send({ name: "test/fatal", data: { n: 7 } });
    const failed = await until("the failed run", async () => (await runsOf("test-fatal")).find((r) => r.status === "failed"));
    expect(fatalCalls).toBe(1);

    const { runId } = await replayRun({ runId: failed.id }, staff, db);
    expect(runId).not.toBe(failed.id);
    const replayed = await until("the replayed run", async () => (await runsOf("test-fatal")).find((r) => r.id === runId && r.status === "completed"));
    expect(replayed.output).toBe("replayed");
    expect(replayed.event.data).toEqual({ n: 7 });
    expect(replayed.replayOf).toBe(failed.id);

    const audit = await db.select().from(staffAuditLog).where(and(eq(staffAuditLog.targetType, "job_run"), eq(staffAuditLog.targetId, failed.id)));
    expect(audit.map((a) => [a.action, a.actorUserId, a.after])).toEqual([["job_run.replayed", staff.userId, { replayRunId: runId }]]);
  });
});
