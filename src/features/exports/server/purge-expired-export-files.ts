import "server-only";
import { and, isNotNull, lt } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { dataExports } from "@/server/db/schema";

/**
 * Drops the archive bytes of exports past their expiry. The row stays, so the account page
 * still lists the export as expired and the download link keeps answering 410.
 */
export async function purgeExpiredExportFiles(db: DbOrTx, now = new Date()): Promise<number> {
  const purged = await db
    .update(dataExports)
    .set({ file: null })
    .where(and(isNotNull(dataExports.file), lt(dataExports.expiresAt, now)))
    .returning({ id: dataExports.id });
  return purged.length;
}
