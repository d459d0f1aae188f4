import "server-only";
import { deleteExpiredIdempotencyKeys, deleteOldApiRequests } from "@/features/api-keys/server/delete-expired-api-records";
import { purgeExpiredExportFiles } from "@/features/exports/server/purge-expired-export-files";
import { deleteExpiredSessions } from "@/server/auth/session";
import type { Db } from "@/server/db/client";
import { deleteRealtimeEventsOlderThan } from "@/server/realtime/publish";
import { REPLAY_RETENTION_MS } from "@/server/realtime/replay";
import { deleteExpiredRateLimitBuckets } from "./delete-expired-rate-limit-buckets";
import { deleteOldSecurityEvents } from "./delete-old-security-events";
import { deleteSentOutboxRows } from "./delete-sent-outbox-rows";
import { deleteSpentAuthTokens } from "./delete-spent-auth-tokens";

/**
 * What `retention-cleanup` deletes, one Inngest step each (a failure retries only its own
 * step). Each returns how many rows went. Tests run the same list.
 */
export const RETENTION_STEPS: readonly { name: string; run: (db: Db, now: Date) => Promise<number> }[] = [
  { name: "delete-expired-sessions", run: (db, now) => deleteExpiredSessions(db, now) },
  { name: "delete-spent-auth-tokens", run: deleteSpentAuthTokens },
  { name: "delete-old-security-events", run: deleteOldSecurityEvents },
  { name: "delete-sent-outbox-rows", run: deleteSentOutboxRows },
  { name: "delete-expired-rate-limit-buckets", run: deleteExpiredRateLimitBuckets },
  { name: "purge-expired-export-files", run: purgeExpiredExportFiles },
  { name: "delete-expired-idempotency-keys", run: deleteExpiredIdempotencyKeys },
  { name: "delete-old-api-requests", run: deleteOldApiRequests },
  { name: "delete-old-realtime-events", run: (db, now) => deleteRealtimeEventsOlderThan(db, new Date(now.getTime() - REPLAY_RETENTION_MS)) },
];
