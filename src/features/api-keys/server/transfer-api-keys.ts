import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { apiKeys } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { auditFields, type WorkspaceActor } from "@/features/workspaces/server/actor";
import type { transferApiKeysInput, transferApiKeysOutput } from "../schemas";
import { liveKeysOf, selectRole } from "./queries";

/**
 * Hands a member's working keys to another member before the first one leaves, so the
 * integrations using them keep running. The keys then act as (and are limited by the role of)
 * the new holder.
 */
export async function transferApiKeys(input: z.output<typeof transferApiKeysInput>, actor: WorkspaceActor, db: Db, now = new Date()): Promise<z.infer<typeof transferApiKeysOutput>> {
  if (input.fromUserId === input.toUserId) throw new AppError("BAD_REQUEST", { userMessage: "Choose someone else to hand the keys to.", fieldErrors: { toUserId: ["Must be a different member"] } });
  return db.transaction(async (tx) => {
    const to = await selectRole(tx, actor.workspace.id, input.toUserId);
    if (!to) throw new AppError("NOT_FOUND", { userMessage: "The person to hand the keys to isn't a member of this workspace.", fieldErrors: { toUserId: ["Not a member"] } });
    const moved = await tx.update(apiKeys).set({ createdBy: input.toUserId, updatedAt: now }).where(liveKeysOf(actor.workspace.id, input.fromUserId, now)).returning({ id: apiKeys.id, name: apiKeys.name });
    if (moved.length > 0) {
      await recordAuditEvent(tx, {
        ...auditFields(actor),
        action: "api_key.transferred",
        target: { type: "user", id: input.fromUserId },
        before: { holder: input.fromUserId },
        after: { holder: input.toUserId, holderName: to.displayName, keys: moved.map((k) => k.name) },
      });
    }
    return { transferred: moved.length };
  });
}
