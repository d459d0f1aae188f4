/**
 * Export values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */
import type { DataExport } from "./schemas";

export const EXPORT_PROGRESS_EVENT = "export.progress";

export const EXPORT_TTL_HOURS = 24;

export const isActiveExport = (e: Pick<DataExport, "status">) => e.status === "queued" || e.status === "running";

export const downloadPath = (id: string) => `/api/exports/${id}/download`;
