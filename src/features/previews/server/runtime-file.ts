import "server-only";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { previewFlagOverrides, previews } from "@/server/db/schema";
import type { PreviewRuntime } from "@/server/preview-runtime";
import { previewDir } from "./config";

/** Beside the preview's worktree, never inside it: the preview's own code can't ship one. */
export const previewRuntimeFile = (previewId: string) => path.join(previewDir(previewId), "runtime.json");

/**
 * Writes what a running local preview reads while it runs (`src/server/preview-runtime.ts`):
 * its expiry and the flag values staff set for it. Called before it starts and after every
 * extend or flag change; atomic (write, then rename), so the preview never reads half a file.
 * Nothing to do for a GitHub-driver preview, or one whose directory is already gone.
 */
export async function writePreviewRuntime(db: DbOrTx, previewId: string): Promise<void> {
  const [row] = await db.select({ driver: previews.driver, expiresAt: previews.expiresAt }).from(previews).where(eq(previews.id, previewId));
  if (!row || row.driver !== "local" || !fs.existsSync(previewDir(previewId))) return;
  const overrides = await db.select({ key: previewFlagOverrides.flagKey, value: previewFlagOverrides.value }).from(previewFlagOverrides).where(eq(previewFlagOverrides.previewId, previewId));
  const runtime: PreviewRuntime = { expiresAt: row.expiresAt.toISOString(), flags: Object.fromEntries(overrides.map((o) => [o.key, o.value])) };
  const file = previewRuntimeFile(previewId);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(runtime));
  fs.renameSync(tmp, file);
}
