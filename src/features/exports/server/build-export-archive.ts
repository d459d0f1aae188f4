import "server-only";
import type { DbOrTx } from "@/server/db/client";
import { zipExport } from "./finish-data-export";
import { EXPORT_STEPS } from "./steps";

/**
 * The same archive "Export my data" produces, built at once in this process: for when the
 * data must be kept before the account goes (staff deletion), not downloaded later.
 */
export async function buildExportArchive(db: DbOrTx, userId: string, now = new Date()): Promise<Buffer> {
  const files = [];
  for (const step of EXPORT_STEPS) files.push({ file: step.file, json: JSON.stringify(await step.collect(db, userId), null, 2) });
  return zipExport(files, now);
}
