import "server-only";
import { notify } from "@/features/notifications/server/notify";
import type { Db } from "@/server/db/client";
import { createZip } from "@/server/exports/zip";
import { EXPORT_TTL_HOURS } from "../schemas";
import { reportExportProgress } from "./report-progress";

/** The archive: a manifest and one JSON file per collected part. */
export function zipExport(files: ReadonlyArray<{ file: string; json: string }>, now: Date): Buffer {
  const manifest = { generatedAt: now.toISOString(), files: files.map((f) => f.file) };
  return createZip([{ name: "export.json", data: JSON.stringify(manifest, null, 2) }, ...files.map((f) => ({ name: f.file, data: f.json }))], now);
}

/** Zips the collected files, stores the archive for 24 h and tells the owner it's ready. */
export async function finishDataExport(
  db: Db,
  input: { exportId: string; files: ReadonlyArray<{ file: string; json: string }> },
  now = new Date(),
): Promise<{ size: number }> {
  const zip = zipExport(input.files, now);
  const row = await reportExportProgress(db, input.exportId, {
    status: "done",
    progress: 100,
    step: "Ready to download",
    file: zip,
    size: zip.length,
    expiresAt: new Date(now.getTime() + EXPORT_TTL_HOURS * 3_600_000),
  });
  await notify(row.userId, { type: "export.ready", title: "Your data export is ready", body: `Download it within ${EXPORT_TTL_HOURS} hours.`, link: "/account/export" }, db);
  return { size: zip.length };
}
