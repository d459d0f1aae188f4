import "server-only";
import { and, desc, eq, inArray, or, sql } from "drizzle-orm";
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

/** Updates an export that is still in flight; `null` once it is done or failed (a superseded runner writes nothing). */
export async function updateExport(db: DbOrTx, id: string, values: Partial<typeof dataExports.$inferInsert>) {
  const [row] = await db
    .update(dataExports)
    .set({ ...values, heartbeatAt: sql`now()` })
    .where(and(eq(dataExports.id, id), inArray(dataExports.status, ["queued", "running"])))
    .returning(exportColumns);
  return row ?? null;
}

/**
 * In-flight exports whose runner is gone (a crash, a kill -9, a deploy, a job server that spent
 * its retries while the app was down): running with no progress report since `runningBefore`,
 * or queued and never started since `queuedBefore`. They are failed with a message saying
 * what happened, which also lets a new one start (the one-in-flight index). `userId` limits it
 * to one user (the request path); without it the sweep covers everyone. Returns the ids.
 */
const lastSign = sql`coalesce(${dataExports.heartbeatAt}, ${dataExports.createdAt})`;

export async function failStaleExports(db: DbOrTx, opts: { userId?: string; runningBefore: Date; queuedBefore: Date; message: string }) {
  const rows = await db
    .update(dataExports)
    .set({ status: "failed", step: null, error: opts.message })
    .where(
      and(
        opts.userId ? eq(dataExports.userId, opts.userId) : undefined,
        or(
          and(eq(dataExports.status, "running"), sql`${lastSign} < ${opts.runningBefore.toISOString()}::timestamptz`),
          and(eq(dataExports.status, "queued"), sql`${lastSign} < ${opts.queuedBefore.toISOString()}::timestamptz`),
        ),
      ),
    )
    .returning({ id: dataExports.id, userId: dataExports.userId, status: dataExports.status, progress: dataExports.progress, step: dataExports.step });
  return rows;
}
