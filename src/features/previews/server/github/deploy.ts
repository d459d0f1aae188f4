import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { previews } from "@/server/db/schema";
import { env } from "@/server/env";
import { publishPreviewEvent } from "../publish-preview";
import { dispatchPreviewWorkflow } from "./dispatch";

export async function previewDriverOf(db: DbOrTx, previewId: string): Promise<"local" | "github" | null> {
  const [row] = await db.select({ driver: previews.driver }).from(previews).where(eq(previews.id, previewId));
  return row?.driver ?? null;
}

const callbackUrl = () => new URL("/api/previews/callback", env.APP_URL).toString();

/** Starts the deploy workflow for the preview's commit; its reports arrive at the callback. */
export async function dispatchGithubDeploy(db: DbOrTx, previewId: string): Promise<{ dispatched: true }> {
  const [row] = await db.select().from(previews).where(eq(previews.id, previewId));
  if (!row) throw new Error(`preview ${previewId} not found`);
  await dispatchPreviewWorkflow({ action: "deploy", previewId, commitSha: row.commitSha, branch: row.branch, callbackUrl: callbackUrl() });
  await db.update(previews).set({ state: "building", currentStep: "checkout" }).where(eq(previews.id, previewId));
  await publishPreviewEvent(db, { type: "preview.changed", data: { previewId, state: "building", step: "checkout" } });
  return { dispatched: true };
}

/** Teardown on GitHub: the same workflow with action=destroy deletes the Vercel deployment and the Neon branch. */
export async function dispatchGithubDestroy(row: { id: string; commitSha: string; branch: string | null }): Promise<void> {
  await dispatchPreviewWorkflow({ action: "destroy", previewId: row.id, commitSha: row.commitSha, branch: row.branch, callbackUrl: callbackUrl() });
}
