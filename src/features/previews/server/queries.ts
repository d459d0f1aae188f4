import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { previewFlagOverrides, previews, previewSteps } from "@/server/db/schema";
import { PREVIEW_STEPS, type PreviewDto } from "../schemas";

/** Every state but "destroyed" holds resources (a worktree, a database, maybe a process). */
export const LIVE_STATES = ["queued", "building", "ready", "failed", "dead", "destroying"] as const;

export async function findPreview(db: DbOrTx, previewId: string) {
  const [row] = await db.select().from(previews).where(eq(previews.id, previewId));
  return row ?? null;
}

export async function countLivePreviews(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(previews).where(inArray(previews.state, [...LIVE_STATES]));
  return row!.n;
}

export async function usedPorts(db: DbOrTx): Promise<Set<number>> {
  const rows = await db.select({ port: previews.port }).from(previews).where(ne(previews.state, "destroyed"));
  return new Set(rows.map((r) => r.port).filter((p): p is number => p !== null));
}

export async function findStep(db: DbOrTx, previewId: string, step: string) {
  const [row] = await db.select().from(previewSteps).where(and(eq(previewSteps.previewId, previewId), eq(previewSteps.step, step)));
  return row ?? null;
}

/** Previews (newest first, destroyed ones of the last day too) with their steps and flag overrides: three queries. */
export async function listPreviewRows(db: DbOrTx, limit = 50): Promise<PreviewDto[]> {
  const rows = await db
    .select()
    .from(previews)
    .where(sql`${previews.state} <> 'destroyed' or ${previews.destroyedAt} > now() - interval '1 day'`)
    .orderBy(sql`${previews.id} desc`)
    .limit(limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [steps, flags] = await Promise.all([
    db.select().from(previewSteps).where(inArray(previewSteps.previewId, ids)).orderBy(asc(previewSteps.position)),
    db.select().from(previewFlagOverrides).where(inArray(previewFlagOverrides.previewId, ids)).orderBy(asc(previewFlagOverrides.flagKey)),
  ]);
  return rows.map((r) =>
    toPreviewDto(
      r,
      steps.filter((s) => s.previewId === r.id),
      flags.filter((f) => f.previewId === r.id),
    ),
  );
}

type PreviewRow = typeof previews.$inferSelect;
type StepRow = typeof previewSteps.$inferSelect;
type FlagRow = typeof previewFlagOverrides.$inferSelect;

export function toPreviewDto(r: PreviewRow, steps: StepRow[], flags: FlagRow[] = []): PreviewDto {
  const known = new Set<string>(PREVIEW_STEPS.map((s) => s.name));
  return {
    id: r.id,
    driver: r.driver,
    ref: r.ref,
    branch: r.branch,
    commitSha: r.commitSha,
    state: r.state,
    currentStep: r.currentStep,
    failedStep: r.failedStep,
    error: r.error,
    url: r.url,
    createdByEmail: r.createdByEmail,
    expiresAt: r.expiresAt,
    readyAt: r.readyAt,
    createdAt: r.createdAt,
    steps: steps
      .filter((s) => known.has(s.step))
      .map((s) => ({
        step: s.step as PreviewDto["steps"][number]["step"],
        status: s.status,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
        durationMs: s.startedAt && s.endedAt ? s.endedAt.getTime() - s.startedAt.getTime() : null,
        logTail: s.logTail,
      })),
    flags: Object.fromEntries(flags.map((f) => [f.flagKey, f.value])),
  };
}
