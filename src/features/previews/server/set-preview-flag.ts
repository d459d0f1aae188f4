import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { FLAGS, type FlagDefinition } from "@/lib/flags/registry";
import { valueSchema } from "@/lib/flags/targeting";
import { recordStaffAudit } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { previewFlagOverrides, previews } from "@/server/db/schema";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import type { setPreviewFlagInput } from "../schemas";
import type { PreviewActor } from "./actor";
import { publishPreviewEvent } from "./publish-preview";
import { writePreviewRuntime } from "./runtime-file";

/**
 * Sets (or, with `value: null`, removes) one flag's value for one preview, audited. The preview
 * serves it to everyone above targeting; a running local preview picks it up from its runtime
 * file on its next request.
 */
export async function setPreviewFlag(input: z.output<typeof setPreviewFlagInput>, actor: PreviewActor, db: Db) {
  const value = input.value ?? null;
  if (value !== null) {
    const parsed = valueSchema(FLAGS[input.key] as FlagDefinition).safeParse(value);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? "Not a value this flag accepts";
      throw new AppError("BAD_REQUEST", { userMessage: `${input.key}: ${message}.`, fieldErrors: { value: [message] } });
    }
  }
  const result = await transactionWithEffects(db, async (tx) => {
    const [row] = await tx.select({ id: previews.id, state: previews.state, driver: previews.driver }).from(previews).where(eq(previews.id, input.previewId)).for("update");
    if (!row) throw new AppError("NOT_FOUND", { userMessage: "That preview doesn't exist." });
    if (row.state === "destroyed" || row.state === "destroying") throw new AppError("CONFLICT", { userMessage: "That preview is being destroyed; create a new one." });
    // Nothing would carry the value to Vercel (decision 037): refuse rather than store a value no preview serves.
    if (row.driver !== "local") throw new AppError("CONFLICT", { userMessage: "Flag values reach previews on this machine only; a GitHub Actions preview would need a redeploy." });
    const where = and(eq(previewFlagOverrides.previewId, row.id), eq(previewFlagOverrides.flagKey, input.key));
    const [before] = await tx.select({ value: previewFlagOverrides.value }).from(previewFlagOverrides).where(where);
    if (value === null) await tx.delete(previewFlagOverrides).where(where);
    else {
      await tx
        .insert(previewFlagOverrides)
        .values({ previewId: row.id, flagKey: input.key, value, setById: actor.userId })
        .onConflictDoUpdate({ target: [previewFlagOverrides.previewId, previewFlagOverrides.flagKey], set: { value, setById: actor.userId, updatedAt: new Date() } });
    }
    await recordStaffAudit(tx, actor, {
      action: "preview.flag",
      target: { type: "preview", id: row.id },
      before: { key: input.key, value: before?.value ?? null },
      after: { key: input.key, value },
    });
    await publishPreviewEvent(tx, { type: "preview.changed", data: { previewId: row.id, state: row.state } });
    return { previewId: row.id, key: input.key, value };
  });
  await writePreviewRuntime(db, result.previewId);
  return result;
}
