import "server-only";
import { sql } from "drizzle-orm";
import type { z } from "zod";
import { recordStaffAudit } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { previews, previewSteps } from "@/server/db/schema";
import { inngestMode } from "@/server/env";
import { AppError } from "@/server/errors";
import { PREVIEW_STEPS, type createPreviewInput } from "../schemas";
import type { PreviewActor } from "./actor";
import { previewConfig } from "./config";
import { resolveRef } from "./local/git";
import { portIsFree } from "./local/steps";
import { countLivePreviews, usedPorts } from "./queries";

/**
 * Resolves the branch or commit, checks the cap and claims a port, all under one lock so two
 * concurrent creates can't both take the last slot or the same port. The pipeline is started
 * by the caller after commit (`runPreviewLater`).
 */
export async function createPreview(input: z.infer<typeof createPreviewInput>, actor: PreviewActor, db: Db) {
  const config = previewConfig();
  if (!inngestMode()) {
    throw new AppError("PRECONDITION_FAILED", { userMessage: "Previews run as background jobs, and this deployment has no Inngest. `npm run dev` starts a local one; production sets INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY." });
  }
  const resolved = await resolveRef(config.repoPath, input.ref);
  if (!resolved) throw new AppError("BAD_REQUEST", { userMessage: `No branch or commit "${input.ref}" in the repository.`, fieldErrors: { ref: [`No branch or commit "${input.ref}" in the repository`] } });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('previews:create'))`);
    const live = await countLivePreviews(tx);
    if (live >= config.cap) {
      throw new AppError("CONFLICT", {
        userMessage: `${live} previews are up and the limit is ${config.cap}. Destroy one you no longer need, then create this one.`,
      });
    }
    const taken = await usedPorts(tx);
    // Skips ports other previews hold and ports something else on the machine listens on.
    let port = config.portBase;
    while (taken.has(port) || (config.driver === "local" && !(await portIsFree(port)))) port++;
    const [row] = await tx
      .insert(previews)
      .values({
        driver: config.driver,
        ref: input.ref,
        branch: resolved.branch,
        commitSha: resolved.sha,
        port: config.driver === "local" ? port : null,
        url: config.driver === "local" ? `http://${config.host}:${port}` : null,
        createdById: actor.userId,
        createdByEmail: actor.email,
        expiresAt: new Date(Date.now() + config.ttlHours * 3_600_000),
      })
      .returning();
    await tx.insert(previewSteps).values(PREVIEW_STEPS.map((s, position) => ({ previewId: row!.id, step: s.name, position })));
    await recordStaffAudit(tx, actor, { action: "preview.create", target: { type: "preview", id: row!.id }, after: { ref: input.ref, commit: resolved.sha, branch: resolved.branch } });
    return row!;
  });
}
