import "server-only";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { dataExports } from "@/server/db/schema";

/** Everything but the file: listing exports must not read megabytes of zip. */
export const exportColumns = {
  id: dataExports.id,
  userId: dataExports.userId,
  status: dataExports.status,
  progress: dataExports.progress,
  step: dataExports.step,
  size: dataExports.size,
  expiresAt: dataExports.expiresAt,
  error: dataExports.error,
  createdAt: dataExports.createdAt,
};
export type ExportRow = NonNullable<Awaited<ReturnType<typeof selectExport>>>;

export async function insertExport(db: DbOrTx, userId: string) {
  const [row] = await db.insert(dataExports).values({ userId, status: "queued", step: "Waiting to start" }).returning(exportColumns);
  return row!;
}

export async function selectExport(db: DbOrTx, id: string) {
  const [row] = await db.select(exportColumns).from(dataExports).where(eq(dataExports.id, id));
  return row ?? null;
}

export async function selectOwnExport(db: DbOrTx, userId: string, id: string) {
  const [row] = await db.select(exportColumns).from(dataExports).where(and(eq(dataExports.id, id), eq(dataExports.userId, userId)));
  return row ?? null;
}

export async function selectLatestExports(db: DbOrTx, userId: string, limit: number) {
  return db.select(exportColumns).from(dataExports).where(eq(dataExports.userId, userId)).orderBy(desc(dataExports.id)).limit(limit);
}

export async function selectExportFile(db: DbOrTx, userId: string, id: string) {
  const [row] = await db
    .select({ status: dataExports.status, file: dataExports.file, expiresAt: dataExports.expiresAt, createdAt: dataExports.createdAt })
    .from(dataExports)
    .where(and(eq(dataExports.id, id), eq(dataExports.userId, userId)));
  return row ?? null;
}

export async function updateExport(db: DbOrTx, id: string, values: Partial<typeof dataExports.$inferInsert>) {
  const [row] = await db.update(dataExports).set(values).where(eq(dataExports.id, id)).returning(exportColumns);
  return row ?? null;
}

/** An in-flight export older than `before` lost its runner (a crash, a deploy): fail it so a new one can start. */
export async function failStaleExports(db: DbOrTx, userId: string, before: Date) {
  await db
    .update(dataExports)
    .set({ status: "failed", error: "The export stopped before it finished. Request a new one." })
    .where(and(eq(dataExports.userId, userId), inArray(dataExports.status, ["queued", "running"]), lt(dataExports.createdAt, before)));
}
