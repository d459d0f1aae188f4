import "server-only";
import type { Db } from "@/server/db/client";
import { reportExportProgress } from "./report-progress";
import { ASSEMBLE_LABEL, EXPORT_STEPS, exportStep, progressAfter } from "./steps";

/**
 * Collects one part of the export and returns it as the JSON file's text (a job step's
 * result is stored by Inngest, so a retry of a later step doesn't collect it again).
 */
export async function runExportStep(db: Db, input: { exportId: string; userId: string; step: string }): Promise<{ file: string; json: string }> {
  const step = exportStep(input.step);
  const json = JSON.stringify(await step.collect(db, input.userId), null, 2);
  const next = EXPORT_STEPS[step.index + 1]?.label ?? ASSEMBLE_LABEL;
  await reportExportProgress(db, input.exportId, { progress: progressAfter(step.index), step: next });
  return { file: step.file, json };
}
