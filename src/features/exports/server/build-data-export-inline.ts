import "server-only";
import type { Db } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { failDataExport } from "./fail-data-export";
import { finishDataExport } from "./finish-data-export";
import { runExportStep } from "./run-export-step";
import { startDataExport } from "./start-data-export";
import { EXPORT_STEPS } from "./steps";

const inFlight = new Set<Promise<void>>();

/**
 * The same steps the `build-data-export` function runs, in this process, for when there is
 * no Inngest (`inngestMode()` null: tests, e2e, a bare `next dev`). Never throws: a failure
 * is logged and recorded on the row.
 */
export function buildDataExportInline(db: Db, exportId: string): Promise<void> {
  const run = (async () => {
    try {
      const { userId } = await startDataExport(db, exportId);
      const files = [];
      for (const step of EXPORT_STEPS) files.push(await runExportStep(db, { exportId, userId, step: step.name }));
      await finishDataExport(db, { exportId, files });
    } catch (error) {
      logger.error({ err: error, exportId }, "data export failed");
      await failDataExport(db, exportId).catch((e: unknown) => logger.error({ err: e, exportId }, "could not mark data export failed"));
    }
  })();
  inFlight.add(run);
  void run.finally(() => inFlight.delete(run));
  return run;
}

/** Resolves when every in-process build has finished (tests wait on this). */
export async function inlineExportsSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}
