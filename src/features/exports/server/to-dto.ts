import "server-only";
import { downloadPath, type DataExport } from "../schemas";
import type { ExportRow } from "./queries";

export function toDataExport(row: ExportRow, now = new Date()): DataExport {
  const downloadable = row.status === "done" && row.expiresAt !== null && row.expiresAt > now;
  return {
    id: row.id,
    status: row.status,
    progress: row.progress,
    step: row.step,
    size: row.size,
    expiresAt: row.expiresAt,
    error: row.error,
    createdAt: row.createdAt,
    downloadUrl: downloadable ? downloadPath(row.id) : null,
  };
}
