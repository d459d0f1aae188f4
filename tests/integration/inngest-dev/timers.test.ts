import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, startHarness, type Harness, type Run } from "./harness";

let h: Harness;
const elapsed = (run: Run) => new Date(run.endedAt!).getTime() - new Date(run.createdAt).getTime();

beforeAll(async () => {
  h = await startHarness("timers");
  const { inngest } = h;
  await h.serveFunctions([
    inngest.createFunction({ id: "napper", triggers: [{ event: "timers/nap" }] }, async ({ step, event }) => {
      await step.sleep("nap", (event.data as { for: string }).for);
      return await step.run("woke", () => "awake");
    }),
    inngest.createFunction({ id: "alarm", triggers: [{ event: "timers/alarm" }] }, async ({ step, event }) => {
      await step.sleepUntil("until", new Date((event.data as { at: number }).at));
      return Date.now();
    }),
    inngest.createFunction({ id: "approver", triggers: [{ event: "timers/order" }] }, async ({ step, event }) => {
      const approval = await step.waitForEvent("approval", { event: "timers/approved", match: "data.orderId", timeout: (event.data as { timeout: string }).timeout });
      return { approvedBy: approval ? (approval.data as { by: string }).by : null };
    }),
    inngest.createFunction({ id: "ticker", triggers: [{ cron: "* * * * * *" }] }, async ({ event }) => event.name),
  ]);
});

afterAll(() => h?.close());

describe("inngest dev server: sleeps, waits and crons", () => {
  it("sleeps for a duration, then resumes", async () => {
    await h.inngest.send({ name: "timers/nap", data: { for: "1s" } });
    const [run] = await h.waitForRuns("napper", finished());
    expect(run!.output).toBe("awake");
    expect(elapsed(run!)).toBeGreaterThanOrEqual(1000);
  });

  it("sleeps until an instant (sleepUntil)", async () => {
    const at = Date.now() + 1200;
    await h.inngest.send({ name: "timers/alarm", data: { at } });
    const [run] = await h.waitForRuns("alarm", finished());
    expect(run!.output as number).toBeGreaterThanOrEqual(at);
  });

  it("waitForEvent resumes with the event that matches, ignoring others", async () => {
    await h.inngest.send({ name: "timers/order", data: { orderId: "o-1", timeout: "10s" } });
    await h.waitForRuns("approver", (runs) => runs[0]?.status === "waiting");
    await h.inngest.send({ name: "timers/approved", data: { orderId: "o-2", by: "mallory" } });
    await h.inngest.send({ name: "timers/approved", data: { orderId: "o-1", by: "alice" } });
    const [run] = await h.waitForRuns("approver", finished());
    expect(run!.output).toEqual({ approvedBy: "alice" });
  });

  it("waitForEvent resolves to null on timeout", async () => {
    await h.inngest.send({ name: "timers/order", data: { orderId: "o-3", timeout: "1s" } });
    const runs = await h.waitForRuns("approver", finished("completed", 2));
    expect(runs[0]!.output).toEqual({ approvedBy: null });
    expect(elapsed(runs[0]!)).toBeGreaterThanOrEqual(1000);
  });

  it("fires cron triggers on schedule (6-field, every second)", async () => {
    const runs = await h.waitForRuns("ticker", finished("completed", 2));
    // A new run starts every second, so the newest may still be running: check the finished ones.
    const done = runs.filter((r) => r.status === "completed");
    for (const run of done) {
      expect(run.event.name).toBe("inngest/scheduled.timer");
      expect(run.output).toBe("inngest/scheduled.timer");
    }
  });

  it("a sleeping run survives a restart of the dev server", async () => {
    await h.inngest.send({ name: "timers/nap", data: { for: "2s" } });
    await h.waitForRuns("napper", (runs) => runs[0]?.status === "sleeping");
    await h.restartDevServer();
    const runs = await h.waitForRuns("napper", finished("completed", 2));
    expect(runs[0]!.output).toBe("awake");
    expect(elapsed(runs[0]!)).toBeGreaterThanOrEqual(2000);
  });
});
