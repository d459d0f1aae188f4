import { z } from "zod";
import { idSchema } from "@/lib/ids";
export * from "./constants";

export const EXPORT_STATUSES = ["queued", "running", "done", "failed"] as const;

/** An export as its owner sees it: never the file itself (that is the download route's job). */
export const dataExport = z.object({
  id: idSchema,
  status: z.enum(EXPORT_STATUSES),
  progress: z.number().int().min(0).max(100),
  step: z.string().nullable(),
  size: z.number().int().nullable(),
  expiresAt: z.date().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  /** Set when the file can be downloaded (done and not expired). */
  downloadUrl: z.string().nullable(),
});
export type DataExport = z.infer<typeof dataExport>;

export const getExportInput = z.object({ id: idSchema });
export const listExportsOutput = z.array(dataExport);

/** `export.progress` on `user:{id}`: enough to move the bar without a refetch. */
export const exportProgressEvent = z.object({
  id: idSchema,
  status: z.enum(EXPORT_STATUSES),
  progress: z.number().int(),
  step: z.string().nullable(),
});
export type ExportProgressEvent = z.infer<typeof exportProgressEvent>;
