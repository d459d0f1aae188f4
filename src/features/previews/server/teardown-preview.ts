import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { previews, previewSteps } from "@/server/db/schema";
import { dispatchGithubDestroy } from "./github/deploy";
import { stopGroup } from "./local/process";
import { dropPreviewDatabase, removeWorktree } from "./local/steps";
import { publishPreviewEvent } from "./publish-preview";
import { findPreview } from "./queries";

/**
 * Stops the preview's server and any step still running, drops its database and removes its
 * worktree. Idempotent: a second call (a retried step, a TTL racing a "Destroy now") finds
 * nothing left to do.
 */
export async function teardownPreview(db: DbOrTx, previewId: string, reason: "expired" | "destroyed"): Promise<{ state: string }> {
  const row = await findPreview(db, previewId);
  if (!row || row.state === "destroyed") return { state: "destroyed" };
  await db.update(previews).set({ state: "destroying" }).where(eq(previews.id, previewId));
  await publishPreviewEvent(db, { type: "preview.changed", data: { previewId, state: "destroying" } });
  if (row.driver === "local") {
    const steps = await db.select({ pid: previewSteps.pid }).from(previewSteps).where(eq(previewSteps.previewId, previewId));
    for (const pid of [row.pid, ...steps.map((s) => s.pid)]) await stopGroup(pid);
    await dropPreviewDatabase(previewId);
    await removeWorktree(previewId);
  } else {
    await dispatchGithubDestroy(row);
  }
  await db.update(previews).set({ state: "destroyed", destroyedAt: new Date(), pid: null, currentStep: null, error: reason === "expired" ? "Expired" : null }).where(eq(previews.id, previewId));
  await publishPreviewEvent(db, { type: "preview.changed", data: { previewId, state: "destroyed" } });
  return { state: "destroyed" };
}
