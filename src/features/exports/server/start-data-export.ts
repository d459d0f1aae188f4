import "server-only";
import type { Db } from "@/server/db/client";
import { reportExportProgress } from "./report-progress";
import { EXPORT_STEPS } from "./steps";

export async function startDataExport(db: Db, exportId: string): Promise<{ userId: string }> {
  const row = await reportExportProgress(db, exportId, { status: "running", progress: 0, step: EXPORT_STEPS[0]!.label, error: null });
  return { userId: row.userId };
}
