import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { apiKeys } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { auditFields, type WorkspaceActor } from "@/features/workspaces/server/actor";
import type { ApiKeyDto, updateApiKeyInput } from "../schemas";
import { lockKey, selectKey } from "./queries";
import { assertCanGrant } from "./scope-guard";
import { toKeyDto } from "./to-dto";

/** Name, scopes and rate limit; takes effect in every process on commit (cache invalidation by NOTIFY). */
export async function updateApiKey(input: z.output<typeof updateApiKeyInput>, actor: WorkspaceActor, db: Db, now = new Date()): Promise<ApiKeyDto> {
  if (input.scopes) assertCanGrant(input.scopes, actor);
  await db.transaction(async (tx) => {
    const key = await lockKey(tx, actor.workspace.id, input.keyId);
    if (!key) throw new AppError("NOT_FOUND", { userMessage: "That API key doesn't exist in this workspace." });
    if (key.revokedAt) throw new AppError("CONFLICT", { userMessage: "That key is revoked and can't be edited." });
    const before = { name: key.name, scopes: key.scopes, rateLimitPerMinute: key.rateLimitPerMinute };
    const after = {
      name: input.name ?? key.name,
      scopes: input.scopes ?? key.scopes,
      rateLimitPerMinute: input.rateLimitPerMinute === undefined ? key.rateLimitPerMinute : input.rateLimitPerMinute,
    };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await tx.update(apiKeys).set({ ...after, updatedAt: now }).where(eq(apiKeys.id, key.id));
    await recordAuditEvent(tx, { ...auditFields(actor), action: "api_key.updated", target: { type: "api_key", id: key.id }, before, after });
  });
  return toKeyDto((await selectKey(db, actor.workspace.id, input.keyId))!, now);
}
