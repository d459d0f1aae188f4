import { NonRetriableError, RetryAfterError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finished, settled, startHarness, type Harness } from "./harness";

let h: Harness;
const calls = { first: 0, flaky: 0, doomed: 0, failureHandled: [] as unknown[], fatal: 0, later: [] as number[] };

beforeAll(async () => {
  h = await startHarness("failures");
  const { inngest } = h;
  await h.serveFunctions([
    inngest.createFunction({ id: "flaky", retries: 3, triggers: [{ event: "failures/flaky" }] }, async ({ step }) => {
      await step.run("first", () => ++calls.first);
      return await step.run("flaky", () => {
        if (++calls.flaky < 3) throw new Error(`flake ${calls.flaky}`);
        return "third time lucky";
      });
    }),
    inngest.createFunction(
      {
        id: "doomed",
        retries: 1,
        triggers: [{ event: "failures/doomed" }],
        onFailure: async ({ event, error }: { event: { data: { event: { data: unknown } } }; error: Error }) => {
          calls.failureHandled.push({ message: error.message, original: event.data.event.data });
          return "handled";
        },
      },
      async ({ step }) => {
        await step.run("always-fails", () => {
          calls.doomed++;
          throw new Error("boom");
        });
      },
    ),
    inngest.createFunction({ id: "fatal", retries: 3, triggers: [{ event: "failures/fatal" }] }, async () => {
      calls.fatal++;
      throw new NonRetriableError("do not retry me");
    }),
    inngest.createFunction({ id: "later", retries: 2, triggers: [{ event: "failures/later" }] }, async ({ step }) => {
      return await step.run("rate-limited", () => {
        calls.later.push(Date.now());
        if (calls.later.length === 1) throw new RetryAfterError("slow down", "1s");
        return "done";
      });
    }),
  ]);
});

afterAll(() => h?.close());

describe("inngest dev server: retries and failures", () => {
  it("retries a failing step with attempt+1 until it succeeds; earlier steps run once", async () => {
    await h.inngest.send({ name: "failures/flaky", data: {} });
    const [run] = await h.waitForRuns("flaky", finished());
    expect(run!.output).toBe("third time lucky");
    expect(calls.first).toBe(1);
    expect(calls.flaky).toBe(3);
    const steps = (await h.run(run!.id)).steps!;
    expect(steps.find((s) => s.name === "flaky")).toMatchObject({ status: "completed", attempts: 3 });
  });

  it("fails the run once retries are exhausted (retries + 1 attempts) and runs onFailure", async () => {
    await h.inngest.send({ name: "failures/doomed", data: { order: 7 } });
    const [run] = await h.waitForRuns("doomed", settled());
    expect(run!.status).toBe("failed");
    expect(run!.error!.message).toMatch(/boom/);
    expect(calls.doomed).toBe(2);
    const [failure] = await h.waitForRuns("doomed-failure", finished());
    expect(failure!.output).toBe("handled");
    expect(calls.failureHandled).toEqual([{ message: expect.stringMatching(/boom/), original: { order: 7 } }]);
  });

  it("does not retry a NonRetriableError", async () => {
    await h.inngest.send({ name: "failures/fatal", data: {} });
    const [run] = await h.waitForRuns("fatal", settled());
    expect(run!.status).toBe("failed");
    expect(run!.error).toMatchObject({ name: "NonRetriableError", message: "do not retry me" });
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.fatal).toBe(1);
  });

  it("waits as long as a RetryAfterError asks before retrying", async () => {
    await h.inngest.send({ name: "failures/later", data: {} });
    const [run] = await h.waitForRuns("later", finished());
    expect(run!.output).toBe("done");
    expect(calls.later).toHaveLength(2);
    expect(calls.later[1]! - calls.later[0]!).toBeGreaterThanOrEqual(900);
  });

  it("replays a failed run from scratch with the same event", async () => {
    const [failed] = await h.runs("fatal");
    const { runId } = (await h.api(`/v0/runs/${failed!.id}/replay`, { method: "POST" })) as { runId: string };
    const runs = await h.waitForRuns("fatal", settled(2));
    const replay = runs.find((r) => r.id === runId)!;
    expect(replay).toMatchObject({ status: "failed", replayOf: failed!.id, event: failed!.event });
    expect(calls.fatal).toBe(2);
    expect(await h.api(`/v0/runs/${runs.find((r) => r.status === "completed")?.id ?? "missing"}/replay`, { method: "POST" })).toMatchObject({ error: expect.any(String) });
  });
});
