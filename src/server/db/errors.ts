import "server-only";
import { AppError } from "@/server/errors";

/** The transaction had failed by the time it would commit (Postgres answers such a COMMIT with ROLLBACK): nothing it wrote exists. */
export class CommitFailedError extends Error {
  /** SQLSTATE class 40, "transaction rollback": safe to retry, nothing was written. */
  readonly code = "40000";
  constructor(answer: string, cause?: unknown) {
    super(`the transaction had failed before COMMIT (the server would answer ${answer}): nothing it wrote was saved`, { cause });
    this.name = "CommitFailedError";
  }
}

// postgres.js connection errors (`code` on a plain Error) and Node socket errors.
const CONNECTION_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs that mean "the database can't take this right now", not "this request is wrong":
 * connection exceptions (08), a server shutting down or starting (57P01–57P03), too many
 * connections (53300), a read-only server (25006: a failover in progress or a replica), and a
 * commit that rolled back (40000). Retrying later can succeed, so callers get 503.
 */
function unavailableSqlState(code: string): boolean {
  return code.startsWith("08") || ["57P01", "57P02", "57P03", "53300", "25006", "40000"].includes(code);
}

/** The database error behind `error` (drizzle wraps the driver's in `cause`), if it is an outage. */
export function databaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.has(code) || unavailableSqlState(code))) return true;
  }
  return false;
}

/** Seconds a caller should wait before retrying after an outage answer. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/**
 * An outage as the one error type: 503 with Retry-After in tRPC, /api/v1 and route handlers.
 * `null` when `error` is anything else (and so still a 500 worth a look).
 */
export function outageError(error: unknown): AppError | null {
  if (error instanceof AppError) return error.code === "SERVICE_UNAVAILABLE" ? error : null;
  if (!databaseUnavailable(error)) return null;
  return new AppError("SERVICE_UNAVAILABLE", {
    userMessage: `The service is briefly unavailable (its database did not answer) and nothing was changed. Try again in ${OUTAGE_RETRY_AFTER_SECONDS} seconds.`,
    retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS,
    cause: error,
  });
}
