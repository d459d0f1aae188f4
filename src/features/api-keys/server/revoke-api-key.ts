import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { apiKeys } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { auditFields, type WorkspaceActor } from "@/features/workspaces/server/actor";
import type { keyIdInput, revokeApiKeyOutput } from "../schemas";
import { lockKey } from "./queries";

/**
 * Revokes for good. Every app process drops the key from its cache when this commits (a
 * trigger NOTIFYs `api_key_cache`), so the next request anywhere is refused. Revoking twice
 * is not an error: the answer is the first revocation.
 */
export async function revokeApiKey(input: z.output<typeof keyIdInput>, actor: WorkspaceActor, db: Db, now = new Date()): Promise<z.infer<typeof revokeApiKeyOutput>> {
  return db.transaction(async (tx) => {
    const key = await lockKey(tx, actor.workspace.id, input.keyId);
    if (!key) throw new AppError("NOT_FOUND", { userMessage: "That API key doesn't exist in this workspace." });
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
    await tx.update(apiKeys).set({ revokedAt: now, previousSecretHash: null, previousExpiresAt: null, updatedAt: now }).where(eq(apiKeys.id, key.id));
    await recordAuditEvent(tx, { ...auditFields(actor), action: "api_key.revoked", target: { type: "api_key", id: key.id }, before: { name: key.name, start: key.start } });
    return { id: key.id, revokedAt: now };
  });
}
