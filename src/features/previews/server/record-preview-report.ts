import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { previews, previewSteps } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { PREVIEW_STEPS, type previewCallbackInput } from "../schemas";
import { publishPreviewEvent, stripAnsi } from "./publish-preview";

/**
 * One step report from the GitHub workflow: the step's row and the console move exactly as
 * the local driver moves them. The last step done → ready (with the deployment's URL);
 * any failure → failed at that step. Returns whether the pipeline's wait should end.
 */
export async function recordPreviewReport(input: z.infer<typeof previewCallbackInput>, db: Db): Promise<{ previewId: string; outcome: "progress" | "ready" | "failed" }> {
  return transactionWithEffects(db, async (tx) => {
    const [row] = await tx.select().from(previews).where(eq(previews.id, input.previewId)).for("update");
    if (!row || row.driver !== "github") throw new AppError("NOT_FOUND", { userMessage: "No GitHub-driven preview with that id." });
    if (row.state === "destroyed" || row.state === "destroying") return { previewId: row.id, outcome: "progress" as const };
    const now = new Date();
    const where = and(eq(previewSteps.previewId, row.id), eq(previewSteps.step, input.step));
    const log = stripAnsi(input.log).slice(-6_000);
    if (input.status === "running") await tx.update(previewSteps).set({ status: "running", startedAt: now, endedAt: null, logTail: log }).where(where);
    else await tx.update(previewSteps).set({ status: input.status, endedAt: now, logTail: log }).where(where);
    const label = PREVIEW_STEPS.find((s) => s.name === input.step)!.label;
    const last = input.step === PREVIEW_STEPS.at(-1)!.name && input.status !== "running" && input.status !== "failed";
    const state = input.status === "failed" ? "failed" : last ? "ready" : "building";
    await tx
      .update(previews)
      .set({
        state,
        currentStep: state === "building" ? input.step : null,
        ...(input.status === "failed" ? { failedStep: input.step, error: `${label} failed in the GitHub workflow` } : {}),
        ...(input.url ? { url: input.url } : {}),
        ...(state === "ready" ? { readyAt: now } : {}),
      })
      .where(eq(previews.id, row.id));
    await publishPreviewEvent(tx, { type: "preview.changed", data: { previewId: row.id, state, step: input.step, stepStatus: input.status } });
    if (log) await publishPreviewEvent(tx, { type: "preview.log", data: { previewId: row.id, step: input.step, text: log } });
    return { previewId: row.id, outcome: state === "ready" ? ("ready" as const) : state === "failed" ? ("failed" as const) : ("progress" as const) };
  });
}
