import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, settled, startHarness, type Harness } from "./harness";

const calls = { entered: 0, one: 0, two: 0, three: 0, a: 0, b: 0, c: 0, after: 0 };
let h: Harness;

beforeAll(async () => {
  h = await startHarness("steps");
  const { inngest } = h;
  const child = inngest.createFunction({ id: "double", triggers: [] }, async ({ event }) => ({ doubled: (event.data as { n: number }).n * 2 }));
  await h.serveFunctions([
    inngest.createFunction({ id: "memoized", triggers: [{ event: "steps/memoized" }] }, async ({ step }) => {
      calls.entered++;
      const one = await step.run("one", () => ++calls.one);
      const two = await step.run("two", () => ({ sum: one + ++calls.two }));
      const three = await step.run("three", () => `${two.sum}-${++calls.three}`);
      return { one, two, three };
    }),
    inngest.createFunction({ id: "parallel", triggers: [{ event: "steps/parallel" }] }, async ({ step }) => {
      const results = await Promise.all([
        step.run("a", () => (++calls.a, "A")),
        step.run("b", async () => (await new Promise((r) => setTimeout(r, 50)), ++calls.b, "B")),
        step.run("c", () => (++calls.c, "C")),
      ]);
      const after = await step.run("after", () => (++calls.after, results.join("")));
      return after;
    }),
    inngest.createFunction({ id: "sender", triggers: [{ event: "steps/send" }] }, async ({ step, event }) => {
      const sent = await step.sendEvent("fan-out", { name: "steps/received", data: { from: event.id } });
      return sent;
    }),
    inngest.createFunction({ id: "receiver", triggers: [{ event: "steps/received" }] }, async ({ event }) => event.data),
    child,
    inngest.createFunction({ id: "invoker", triggers: [{ event: "steps/invoke" }] }, async ({ step }) => {
      const result = await step.invoke("call-double", { function: child, data: { n: 21 } });
      return { result };
    }),
    inngest.createFunction({ id: "signals", triggers: [{ event: "steps/signal" }] }, async ({ step }) => {
      await step.run("before", () => "ok");
      await step.waitForSignal("wait-signal", { signal: "go", timeout: "1m" });
      return "never";
    }),
    inngest.createFunction({ id: "throttled", throttle: { limit: 1, period: "1s" }, triggers: [{ event: "steps/throttled" }] }, async () => "ran anyway"),
  ]);
});

afterAll(() => h?.close());

describe("inngest dev server: step protocol", () => {
  it("memoizes step.run: each body runs once while the function is re-entered", async () => {
    await h.inngest.send({ name: "steps/memoized", data: {} });
    const [run] = await h.waitForRuns("memoized", finished());
    expect(run!.output).toEqual({ one: 1, two: { sum: 2 }, three: "2-1" });
    expect(calls).toMatchObject({ one: 1, two: 1, three: 1 });
    expect(calls.entered).toBeGreaterThanOrEqual(4);
    const detail = await h.run(run!.id);
    expect(detail.steps!.map((s) => [s.name, s.op, s.status])).toEqual([
      ["one", "StepRun", "completed"],
      ["two", "StepRun", "completed"],
      ["three", "StepRun", "completed"],
    ]);
  });

  it("runs parallel steps (Promise.all) once each, then continues", async () => {
    await h.inngest.send({ name: "steps/parallel", data: {} });
    const [run] = await h.waitForRuns("parallel", finished());
    expect(run!.output).toBe("ABC");
    expect(calls).toMatchObject({ a: 1, b: 1, c: 1, after: 1 });
    expect((await h.run(run!.id)).steps).toHaveLength(4);
  });

  it("step.sendEvent goes through the event API and triggers other functions", async () => {
    const { ids } = await h.inngest.send({ name: "steps/send", data: {} });
    const [sender] = await h.waitForRuns("sender", finished());
    const [received] = await h.waitForRuns("receiver", finished());
    expect(received!.output).toEqual({ from: ids[0] });
    expect((sender!.output as { ids: string[] }).ids).toEqual([received!.event.id]);
  });

  it("step.invoke starts the other function and returns its output", async () => {
    await h.inngest.send({ name: "steps/invoke", data: {} });
    const [run] = await h.waitForRuns("invoker", finished());
    expect(run!.output).toEqual({ result: { doubled: 42 } });
    const [child] = await h.runs("double");
    expect(child!.event).toMatchObject({ name: "inngest/function.invoked", data: { n: 21 } });
  });

  it("fails the run loudly on an op it does not support (waitForSignal)", async () => {
    await h.inngest.send({ name: "steps/signal", data: {} });
    const [run] = await h.waitForRuns("signals", settled());
    expect(run!.status).toBe("failed");
    expect(run!.error!.message).toMatch(/unsupported op WaitForSignal/);
  });

  it("fails every run of a function using an option it does not support (throttle)", async () => {
    await h.inngest.send({ name: "steps/throttled", data: {} });
    const [run] = await h.waitForRuns("throttled", settled());
    expect(run!.status).toBe("failed");
    expect(run!.error!.message).toMatch(/unsupported option throttle/);
  });
});
