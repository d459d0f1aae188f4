import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { recordStaffAudit } from "@/server/audit";
import type { Db, DbOrTx } from "@/server/db/client";
import { previews, previewSteps } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { transactionWithEffects } from "@/server/db/transaction";
import { PREVIEW_STEP_NAMES, type extendPreviewInput, type PreviewStepName } from "../schemas";
import type { PreviewActor } from "./actor";
import { publishPreviewEvent } from "./publish-preview";
import { findPreview } from "./queries";
import { writePreviewRuntime } from "./runtime-file";

async function lockedPreview(tx: DbOrTx, previewId: string) {
  const [row] = await tx.select().from(previews).where(eq(previews.id, previewId)).for("update");
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "That preview doesn't exist." });
  return row;
}

/** The pipeline reached its end: the preview is up until it expires. */
export async function markPreviewReady(db: DbOrTx, previewId: string): Promise<{ state: string }> {
  const [row] = await db
    .update(previews)
    .set({ state: "ready", readyAt: new Date(), currentStep: null })
    .where(eq(previews.id, previewId))
    .returning({ state: previews.state });
  await publishPreviewEvent(db, { type: "preview.changed", data: { previewId, state: "ready" } });
  return { state: row?.state ?? "destroyed" };
}

/** How long the sleeping pipeline waits before tearing down: null when the preview is gone. */
export async function previewTimeLeft(db: DbOrTx, previewId: string): Promise<{ msLeft: number } | null> {
  const row = await findPreview(db, previewId);
  if (!row || row.state === "destroyed" || row.state === "destroying") return null;
  return { msLeft: row.expiresAt.getTime() - Date.now() };
}

/** A later expiry, shown at once in the console and, through its runtime file, in the preview's banner. */
export async function extendPreview(input: z.infer<typeof extendPreviewInput>, actor: PreviewActor, db: Db) {
  const result = await transactionWithEffects(db, async (tx) => {
    const row = await lockedPreview(tx, input.previewId);
    if (row.state === "destroyed" || row.state === "destroying") throw new AppError("CONFLICT", { userMessage: "That preview is being destroyed; create a new one." });
    const base = Math.max(row.expiresAt.getTime(), Date.now());
    const expiresAt = new Date(base + input.hours * 3_600_000);
    await tx.update(previews).set({ expiresAt }).where(eq(previews.id, row.id));
    await recordStaffAudit(tx, actor, { action: "preview.extend", target: { type: "preview", id: row.id }, before: { expiresAt: row.expiresAt }, after: { expiresAt } });
    await publishPreviewEvent(tx, { type: "preview.changed", data: { previewId: row.id, state: row.state } });
    return { id: row.id, expiresAt };
  });
  await writePreviewRuntime(db, result.id);
  return result;
}

/** "Destroy now": marks it and records who; the teardown function does the work after the pipeline is cancelled. */
export async function requestPreviewDestroy(input: { previewId: string }, actor: PreviewActor, db: Db) {
  return transactionWithEffects(db, async (tx) => {
    const row = await lockedPreview(tx, input.previewId);
    if (row.state === "destroyed") throw new AppError("CONFLICT", { userMessage: "That preview is already destroyed." });
    await tx.update(previews).set({ state: "destroying" }).where(eq(previews.id, row.id));
    await recordStaffAudit(tx, actor, { action: "preview.destroy", target: { type: "preview", id: row.id }, before: { state: row.state } });
    await publishPreviewEvent(tx, { type: "preview.changed", data: { previewId: row.id, state: "destroying" } });
    return { id: row.id };
  });
}

/**
 * "Retry" after a failure (from the failed step) or "Restart" after the process died (from
 * "start"): the steps from there on are pending again; the pipeline skips the finished ones.
 */
export async function retryPreview(input: { previewId: string }, actor: PreviewActor, db: Db): Promise<{ id: string; fromStep: PreviewStepName; attempt: string }> {
  return transactionWithEffects(db, async (tx) => {
    const row = await lockedPreview(tx, input.previewId);
    const fromStep = (row.state === "failed" ? row.failedStep : row.state === "dead" ? "start" : null) as PreviewStepName | null;
    if (!fromStep) throw new AppError("CONFLICT", { userMessage: `Only a failed or stopped preview can be retried; this one is ${row.state}.` });
    const again = PREVIEW_STEP_NAMES.slice(PREVIEW_STEP_NAMES.indexOf(fromStep));
    await tx
      .update(previewSteps)
      .set({ status: "pending", startedAt: null, endedAt: null, pid: null, logTail: "" })
      .where(and(eq(previewSteps.previewId, row.id), inArray(previewSteps.step, again)));
    await tx.update(previews).set({ state: "queued", failedStep: null, error: null, currentStep: fromStep, ...(fromStep === "start" ? { pid: null } : {}) }).where(eq(previews.id, row.id));
    await recordStaffAudit(tx, actor, { action: row.state === "dead" ? "preview.restart" : "preview.retry", target: { type: "preview", id: row.id }, after: { fromStep } });
    await publishPreviewEvent(tx, { type: "preview.changed", data: { previewId: row.id, state: "queued", step: fromStep } });
    return { id: row.id, fromStep, attempt: `${row.id}:${fromStep}:${Date.now()}` };
  });
}
