import "server-only";
import type { Db } from "@/server/db/client";
import { db } from "@/server/db/client";
import { inngestMode } from "@/server/env";
import { inngest } from "@/server/inngest/client";
import { exportRequested } from "@/server/inngest/events";
import { logger } from "@/server/logging/logger";
import { buildDataExportInline } from "./build-data-export-inline";
import { failDataExport } from "./fail-data-export";
import { finishDataExport } from "./finish-data-export";
import { runExportStep } from "./run-export-step";
import { startDataExport } from "./start-data-export";
import { EXPORT_STEPS } from "./steps";

/** Thin: one `step.run` per operation, so a retry resumes after the last finished step. */
export const buildDataExport = inngest.createFunction(
  {
    id: "build-data-export",
    retries: 3,
    triggers: [exportRequested],
    onFailure: async ({ event, step }) => {
      const { exportId } = event.data.event.data as { exportId: string };
      await step.run("mark-failed", () => failDataExport(db, exportId).then(() => ({ exportId })));
    },
  },
  async ({ event, step }) => {
    const { exportId } = event.data;
    const { userId } = await step.run("start", () => startDataExport(db, exportId));
    const files: Array<{ file: string; json: string }> = [];
    for (const { name } of EXPORT_STEPS) files.push(await step.run(name, () => runExportStep(db, { exportId, userId, step: name })));
    return step.run("assemble", () => finishDataExport(db, { exportId, files }));
  },
);

/**
 * Starts building a queued export. THE switch, as for email (decision 008/009): with Inngest
 * the `build-data-export` function runs it (event id = export id, so a resend is dropped);
 * without (`inngestMode()` null) the same steps run in this process after the caller returns.
 */
export async function buildDataExportLater(exportId: string, database: Db = db): Promise<void> {
  if (!inngestMode()) {
    void buildDataExportInline(database, exportId);
    return;
  }
  try {
    await inngest.send(exportRequested.create({ exportId }, { id: exportId }));
  } catch (error) {
    logger.error({ err: error, exportId }, "could not send app/export.requested");
    await failDataExport(database, exportId);
  }
}
