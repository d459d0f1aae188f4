import "server-only";
import { APP_ERROR_STATUS, AppError } from "@/server/errors";

export type ErrorDetails = Record<string, unknown> | null;

/** The one error shape of /api/v1: `{ error: { code, message, details, request_id } }`. */
export function apiError(status: number, code: string, message: string, requestId: string, opts: { details?: ErrorDetails; headers?: HeadersInit } = {}): Response {
  return Response.json({ error: { code, message, details: opts.details ?? null, request_id: requestId } }, { status, headers: opts.headers });
}

/** An operation's AppError as the API's envelope: the same status map as tRPC, snake_case codes. */
export function appErrorResponse(error: AppError, requestId: string): Response {
  const headers = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
  return apiError(APP_ERROR_STATUS[error.code], error.code.toLowerCase(), error.userMessage, requestId, {
    details: error.fieldErrors ? { fields: error.fieldErrors } : null,
    headers,
  });
}
