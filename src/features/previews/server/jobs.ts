import "server-only";
import { cron, NonRetriableError } from "inngest";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { previews } from "@/server/db/schema";
import { inngest } from "@/server/inngest/client";
import { previewDestroyRequested, previewExtended, previewReported, previewRequested } from "@/server/inngest/events";
import { PREVIEW_STEP_NAMES } from "../schemas";
import { advancePreviewStep } from "./advance-preview-step";
import { dispatchGithubDeploy, previewDriverOf } from "./github/deploy";
import { markPreviewReady, previewTimeLeft } from "./lifecycle";
import { publishPreviewEvent } from "./publish-preview";
import { reconcilePreviews } from "./reconcile-previews";
import { teardownPreview } from "./teardown-preview";

const samePreview = "async.data.previewId == event.data.previewId";

/**
 * The preview pipeline: one step per stage (a long stage takes several calls: "build",
 * "build-1", …), then "ready", then a wait for the TTL that an "extended" event restarts. "Destroy
 * now" and a newer request for the same preview (retry, restart) cancel it.
 */
export const previewPipeline = inngest.createFunction(
  {
    id: "preview-pipeline",
    retries: 2,
    triggers: [previewRequested],
    cancelOn: [
      { event: previewDestroyRequested, if: samePreview },
      { event: previewRequested, if: samePreview },
    ],
    onFailure: async ({ event, error, step }) => {
      const { previewId } = event.data.event.data as { previewId: string };
      await step.run("mark-failed", () => markPipelineFailed(previewId, error.message));
    },
  },
  async ({ event, step }) => {
    const { previewId } = event.data;
    const driver = await step.run("driver", () => previewDriverOf(db, previewId));
    if (driver === "github") {
      // The workflow runs the same steps and reports each one to the callback endpoint.
      await step.run("dispatch", () => dispatchGithubDeploy(db, previewId));
      const reported = await step.waitForEvent("deployed", { event: previewReported, timeout: "2h", if: samePreview });
      if (reported?.data.outcome !== "ready") throw new NonRetriableError(reported ? "The GitHub workflow reported a failed step" : "The GitHub workflow did not report back within 2 hours");
    } else {
      for (const name of PREVIEW_STEP_NAMES) {
        for (let call = 0; ; call++) {
          const outcome = await step.run(call ? `${name}-${call}` : name, () => advancePreviewStep(db, { previewId, step: name }));
          if (outcome.kind === "cancelled") return { state: "destroyed" };
          if (outcome.kind === "failed") throw new NonRetriableError(outcome.message);
          if (outcome.kind !== "pending") break;
        }
      }
    }
    await step.run("ready", () => markPreviewReady(db, previewId));
    // Woken by an extension or by the timer, it reads the expiry again: an extension that landed
    // just before a wait began is not lost, and the timer alone never tears down a preview early.
    for (let round = 0; ; round++) {
      const left = await step.run(`time-left-${round}`, () => previewTimeLeft(db, previewId));
      if (!left) return { state: "destroyed" };
      if (left.msLeft <= 0) break;
      await step.waitForEvent(`ttl-${round}`, { event: previewExtended, timeout: Math.max(1_000, left.msLeft), if: samePreview });
    }
    return step.run("expire", () => teardownPreview(db, previewId, "expired"));
  },
);

/** An unexpected error (not a failed command, which ends the run itself) still leaves the console saying so. */
async function markPipelineFailed(previewId: string, message: string) {
  const [row] = await db.select({ state: previews.state, currentStep: previews.currentStep }).from(previews).where(eq(previews.id, previewId));
  if (!row || row.state !== "building") return { previewId };
  await db.update(previews).set({ state: "failed", failedStep: row.currentStep, error: message }).where(eq(previews.id, previewId));
  await publishPreviewEvent(db, { type: "preview.changed", data: { previewId, state: "failed" } });
  return { previewId };
}

export const teardownPreviewFn = inngest.createFunction({ id: "teardown-preview", retries: 3, triggers: [previewDestroyRequested] }, async ({ event, step }) =>
  step.run("teardown", () => teardownPreview(db, event.data.previewId, "destroyed")),
);

export const reconcilePreviewsFn = inngest.createFunction({ id: "reconcile-previews", triggers: [cron("* * * * *")] }, async ({ step }) =>
  step.run("reconcile", () => reconcilePreviews(db)),
);

export async function runPreviewLater(previewId: string, attempt?: { fromStep: string; id: string }): Promise<void> {
  await inngest.send(previewRequested.create({ previewId, ...(attempt ? { fromStep: attempt.fromStep } : {}) }, { id: attempt?.id ?? previewId }));
}

export async function extendPreviewLater(previewId: string, expiresAt: Date): Promise<void> {
  await inngest.send(previewExtended.create({ previewId }, { id: `${previewId}:${expiresAt.toISOString()}` }));
}

export async function destroyPreviewLater(previewId: string): Promise<void> {
  await inngest.send(previewDestroyRequested.create({ previewId }, { id: `${previewId}:destroy` }));
}

export async function reportedPreviewLater(previewId: string, outcome: "ready" | "failed"): Promise<void> {
  await inngest.send(previewReported.create({ previewId, outcome }, { id: `${previewId}:${outcome}:${Date.now()}` }));
}
