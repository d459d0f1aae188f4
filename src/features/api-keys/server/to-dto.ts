import "server-only";
import type { ApiKeyScope } from "@/lib/api-scopes";
import type { ApiKeyDto } from "../schemas";
import type { KeyRow } from "./queries";

export function keyStatus(row: Pick<KeyRow, "revokedAt" | "expiresAt" | "creatorRole">, now: Date): ApiKeyDto["status"] {
  if (row.revokedAt) return "revoked";
  if (row.expiresAt && row.expiresAt <= now) return "expired";
  if (!row.creatorRole) return "creator_left";
  return "active";
}

/** The only shape a key leaves the server in: no hash, no secret. */
export function toKeyDto(row: KeyRow, now = new Date()): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    environment: row.environment,
    start: row.start,
    scopes: row.scopes as ApiKeyScope[],
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdBy: row.createdBy ? { userId: row.createdBy, displayName: row.creatorName ?? "Deleted user" } : null,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    previousExpiresAt: row.previousExpiresAt && row.previousExpiresAt > now ? row.previousExpiresAt : null,
    status: keyStatus(row, now),
  };
}
