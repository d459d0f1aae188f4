import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, settled, startHarness, type Harness } from "./harness";

let h: Harness;
const windows: Array<[number, number]> = [];
const dedupeCalls: string[] = [];

beforeAll(async () => {
  h = await startHarness("flow");
  const { inngest } = h;
  await h.serveFunctions([
    inngest.createFunction({ id: "one-at-a-time", concurrency: { limit: 1 }, triggers: [{ event: "flow/serial" }] }, async ({ step }) => {
      await step.run("work", async () => {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 300));
        windows.push([start, Date.now()]);
      });
    }),
    inngest.createFunction({ id: "once-per-order", idempotency: "event.data.orderId", triggers: [{ event: "flow/order" }] }, async ({ event }) => event.data),
    inngest.createFunction(
      { id: "cancellable", cancelOn: [{ event: "flow/cancel", match: "data.jobId" }], triggers: [{ event: "flow/start" }] },
      async ({ step }) => {
        await step.sleep("long-nap", "30s");
        return "should not finish";
      },
    ),
    inngest.createFunction({ id: "deduped", triggers: [{ event: "flow/outbox" }] }, async ({ event }) => {
      dedupeCalls.push(event.id!);
      return event.id;
    }),
  ]);
});

afterAll(() => h?.close());

async function eventsProcessed() {
  for (;;) {
    const stats = (await h.api("/v0/stats")) as { pendingEvents: number };
    if (stats.pendingEvents === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("inngest dev server: flow control", () => {
  it("concurrency limit 1: two runs never overlap", async () => {
    await h.inngest.send([{ name: "flow/serial", data: { n: 1 } }, { name: "flow/serial", data: { n: 2 } }]);
    await h.waitForRuns("one-at-a-time", finished("completed", 2));
    const [a, b] = windows.sort((x, y) => x[0] - y[0]);
    expect(b![0]).toBeGreaterThanOrEqual(a![1]);
  });

  it("idempotency: a second event with the same key starts no run", async () => {
    await h.inngest.send([
      { name: "flow/order", data: { orderId: "A", n: 1 } },
      { name: "flow/order", data: { orderId: "A", n: 2 } },
      { name: "flow/order", data: { orderId: "B", n: 3 } },
    ]);
    await eventsProcessed();
    const runs = await h.waitForRuns("once-per-order", finished("completed", 2));
    expect(runs.map((r) => r.event.data.orderId).sort()).toEqual(["A", "B"]);
  });

  it("cancelOn: a matching event cancels a sleeping run, others don't", async () => {
    await h.inngest.send([{ name: "flow/start", data: { jobId: "j1" } }, { name: "flow/start", data: { jobId: "j2" } }]);
    await h.waitForRuns("cancellable", (runs) => runs.length === 2 && runs.every((r) => r.status === "sleeping"));
    await h.inngest.send({ name: "flow/cancel", data: { jobId: "j1" } });
    const runs = await h.waitForRuns("cancellable", settled());
    const byJob = Object.fromEntries(runs.map((r) => [r.event.data.jobId, r.status]));
    expect(byJob).toEqual({ j1: "cancelled", j2: "sleeping" });
  });

  it("an event id seen before is stored once and runs once", async () => {
    const first = await h.inngest.send({ id: "outbox-42", name: "flow/outbox", data: {} });
    const again = await h.inngest.send({ id: "outbox-42", name: "flow/outbox", data: {} });
    expect(first.ids).toEqual(["outbox-42"]);
    expect(again.ids).toEqual(["outbox-42"]);
    await eventsProcessed();
    await h.waitForRuns("deduped", finished());
    await new Promise((r) => setTimeout(r, 200));
    expect(dedupeCalls).toEqual(["outbox-42"]);
  });

  it("reports queue lag and runs by status", async () => {
    const stats = (await h.api("/v0/stats")) as { queueLagMs: number; runs: Record<string, number> };
    expect(stats.queueLagMs).toBeGreaterThanOrEqual(0);
    expect(stats.runs).toMatchObject({ cancelled: 1, sleeping: 1 });
    expect(stats.runs.completed).toBeGreaterThanOrEqual(5);
    const sleeping = (await h.api("/v0/runs?status=sleeping&limit=5")) as { runs: unknown[] };
    expect(sleeping.runs).toHaveLength(1);
  });
});
