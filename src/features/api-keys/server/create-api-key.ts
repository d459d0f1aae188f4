import "server-only";
import type { z } from "zod";
import { generateApiKey, visibleStart } from "@/lib/api-key-format";
import { recordAuditEvent } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { apiKeys } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { auditFields, type WorkspaceActor } from "@/features/workspaces/server/actor";
import type { createApiKeyInput, issuedApiKeyOutput } from "../schemas";
import { hashApiKey } from "./hash";
import { selectKey } from "./queries";
import { assertCanGrant } from "./scope-guard";
import { toKeyDto } from "./to-dto";

/** Issues a key; the secret is in this one response and nowhere else (only its HMAC is stored). */
export async function createApiKey(
  input: z.output<typeof createApiKeyInput>,
  actor: WorkspaceActor,
  db: Db,
  now = new Date(),
): Promise<z.infer<typeof issuedApiKeyOutput>> {
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
    throw new AppError("BAD_REQUEST", { userMessage: "The expiry date must be in the future.", fieldErrors: { expiresAt: ["Must be in the future"] } });
  }
  assertCanGrant(input.scopes, actor);
  const secret = generateApiKey(input.environment);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        workspaceId: actor.workspace.id,
        createdBy: actor.userId,
        name: input.name,
        environment: input.environment,
        start: visibleStart(secret),
        secretHash: hashApiKey(secret),
        scopes: input.scopes,
        rateLimitPerMinute: input.rateLimitPerMinute ?? null,
        expiresAt: input.expiresAt ?? null,
      })
      .returning({ id: apiKeys.id });
    await recordAuditEvent(tx, {
      ...auditFields(actor),
      action: "api_key.created",
      target: { type: "api_key", id: row!.id },
      after: { name: input.name, environment: input.environment, start: visibleStart(secret), scopes: input.scopes, expiresAt: input.expiresAt ?? null, rateLimitPerMinute: input.rateLimitPerMinute ?? null },
    });
    return row!.id;
  });
  return { key: toKeyDto((await selectKey(db, actor.workspace.id, id))!, now), secret };
}
