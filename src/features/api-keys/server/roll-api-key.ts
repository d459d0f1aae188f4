import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { generateApiKey, visibleStart } from "@/lib/api-key-format";
import { recordAuditEvent } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { apiKeys } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { auditFields, type WorkspaceActor } from "@/features/workspaces/server/actor";
import type { issuedApiKeyOutput, rollApiKeyInput } from "../schemas";
import { hashApiKey } from "./hash";
import { lockKey, selectKey } from "./queries";
import { toKeyDto } from "./to-dto";

/**
 * A new secret for the same key (same id, scopes, limits, usage history). The old secret keeps
 * working for `graceSeconds` so deployments can switch over; a second roll inside the grace
 * period ends the first one's grace at once (only one previous secret is kept).
 */
export async function rollApiKey(input: z.output<typeof rollApiKeyInput>, actor: WorkspaceActor, db: Db, now = new Date()): Promise<z.infer<typeof issuedApiKeyOutput>> {
  const secret = await db.transaction(async (tx) => {
    const key = await lockKey(tx, actor.workspace.id, input.keyId);
    if (!key) throw new AppError("NOT_FOUND", { userMessage: "That API key doesn't exist in this workspace." });
    if (key.revokedAt) throw new AppError("CONFLICT", { userMessage: "That key is revoked; create a new key instead." });
    const secret = generateApiKey(key.environment);
    const graceEnds = input.graceSeconds > 0 ? new Date(now.getTime() + input.graceSeconds * 1000) : null;
    await tx
      .update(apiKeys)
      .set({
        secretHash: hashApiKey(secret),
        start: visibleStart(secret),
        previousSecretHash: graceEnds ? key.secretHash : null,
        previousExpiresAt: graceEnds,
        updatedAt: now,
      })
      .where(eq(apiKeys.id, key.id));
    await recordAuditEvent(tx, {
      ...auditFields(actor),
      action: "api_key.rolled",
      target: { type: "api_key", id: key.id },
      before: { start: key.start },
      after: { start: visibleStart(secret), previousWorksUntil: graceEnds },
    });
    return secret;
  });
  return { key: toKeyDto((await selectKey(db, actor.workspace.id, input.keyId))!, now), secret };
}
