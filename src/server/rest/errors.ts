import "server-only";
import { APP_ERROR_STATUS, type AppError, type AppErrorCode } from "@/server/errors";
import { jsonResult, type ApiResult } from "./exchange";

type ErrorType = "invalid_request_error" | "authentication_error" | "permission_error" | "not_found_error" | "conflict_error" | "rate_limit_error" | "api_error";
/**
 * Who answers a code, and so which endpoints list it: every endpoint (`all`); those with a
 * body, path parameters, query parameters, a scope, or POSTs (Idempotency-Key); the router
 * for paths and methods no endpoint takes (`router`); or an operation's refusal (`operation`),
 * listed only by the endpoints whose declaration names it in `errors`.
 */
type Applies = "all" | "body" | "params" | "query" | "post" | "scoped" | "router" | "operation";
type ErrorInfo = { status: number; type: ErrorType; applies: Applies; title: string };

const e = (status: number, type: ErrorType, title: string, applies: Applies = "all"): ErrorInfo => ({ status, type, applies, title });

/**
 * Every `error.code` the public API answers, with its status: the envelope, the OpenAPI
 * document (an enum per response) and the error docs (`/docs/api#<code>`) read this table.
 */
export const API_ERRORS = {
  invalid_json: e(400, "invalid_request_error", "The body is not valid JSON.", "body"),
  unsupported_content_type: e(400, "invalid_request_error", "The body must be sent as application/json.", "body"),
  invalid_parameter: e(400, "invalid_request_error", "A query parameter has a value the endpoint doesn't accept (named in details.fields).", "query"),
  parameter_unknown: e(400, "invalid_request_error", "A query parameter or body field the endpoint doesn't declare (named in details.fields)."),
  invalid_idempotency_key: e(400, "invalid_request_error", "Idempotency-Key must be 1–255 printable ASCII characters.", "post"),
  bad_request: e(400, "invalid_request_error", "The operation refused the request as sent (for example a cursor from another list), naming the field in details.fields.", "operation"),
  missing_api_key: e(401, "authentication_error", "No Authorization header."),
  invalid_authorization_header: e(401, "authentication_error", "The Authorization header is not `Bearer <key>`."),
  invalid_api_key: e(401, "authentication_error", "The key is malformed or unknown."),
  api_key_revoked: e(401, "authentication_error", "The key was revoked."),
  api_key_expired: e(401, "authentication_error", "The key has expired."),
  api_key_rolled: e(401, "authentication_error", "The key was rolled and its grace period is over; use its successor."),
  api_key_creator_left: e(401, "authentication_error", "The member who created the key has left the workspace."),
  missing_scope: e(403, "permission_error", "The key lacks the endpoint's scope, or its creator's role no longer allows it (details.requiredScope).", "scoped"),
  payment_required: e(402, "invalid_request_error", "The workspace's plan doesn't allow this; an owner can upgrade it.", "operation"),
  forbidden: e(403, "permission_error", "The key's creator may not do this.", "operation"),
  not_found: e(404, "not_found_error", "Nothing with that id in the key's workspace.", "params"),
  route_not_found: e(404, "not_found_error", "No endpoint at this path.", "router"),
  method_not_allowed: e(405, "invalid_request_error", "The path exists but not with this method; see the Allow header.", "router"),
  idempotency_in_progress: e(409, "conflict_error", "A request with the same Idempotency-Key is still running.", "post"),
  conflict: e(409, "conflict_error", "The object is in a state that refuses this (for example a post held for review).", "operation"),
  precondition_failed: e(412, "invalid_request_error", "Something the operation needs is not set up on this server.", "operation"),
  payload_too_large: e(413, "invalid_request_error", "The body is over 64 KB.", "body"),
  validation_failed: e(422, "invalid_request_error", "The body fails validation (the fields are named in details.fields).", "body"),
  idempotency_key_reused: e(422, "invalid_request_error", "This Idempotency-Key was used with a different request.", "post"),
  rate_limited: e(429, "rate_limit_error", "The key's per-minute limit is reached; see Retry-After and RateLimit."),
  quota_exceeded: e(429, "rate_limit_error", "The workspace's monthly request quota is used up."),
  too_many_invalid_keys: e(429, "rate_limit_error", "Too many requests with invalid keys from this address."),
  write_rate_limited: e(429, "rate_limit_error", "The key's creator has written too many posts, comments or votes in a short time (a per-user limit, separate from the key's).", "operation"),
  internal_error: e(500, "api_error", "Our bug. Quote the request id."),
  service_unavailable: e(503, "api_error", "The database is unavailable; retry after Retry-After seconds."),
} satisfies Record<string, ErrorInfo>;

export type ApiErrorCode = keyof typeof API_ERRORS;
export const API_ERROR_CODES = Object.keys(API_ERRORS) as ApiErrorCode[];

export type EndpointShape = { hasBody: boolean; hasParams: boolean; hasQuery: boolean; isPost: boolean; scoped: boolean; operationErrors: readonly ApiErrorCode[] };

/** The codes an endpoint of this shape can answer: the request path's, and its operation's. */
export function errorCodesFor(endpoint: EndpointShape): ApiErrorCode[] {
  const applies: Record<Applies, boolean> = {
    all: true,
    body: endpoint.hasBody,
    params: endpoint.hasParams,
    query: endpoint.hasQuery,
    post: endpoint.isPost,
    scoped: endpoint.scoped,
    router: false,
    operation: false,
  };
  return API_ERROR_CODES.filter((code) => applies[API_ERRORS[code].applies] || endpoint.operationErrors.includes(code));
}

export const ROUTER_ERROR_CODES = API_ERROR_CODES.filter((code) => API_ERRORS[code].applies === "router");

export const errorDocUrl = (code: ApiErrorCode) => `/docs/api#${code}`;

export type ErrorDetails = Record<string, unknown> | null;

/** The one error shape of /api: `{ error: { type, code, message, details, requestId, docUrl } }` (fields camelCase like every resource; code values snake_case, decision 050). */
export function apiError(code: ApiErrorCode, message: string, requestId: string, opts: { details?: ErrorDetails; headers?: Record<string, string> } = {}): ApiResult {
  const info: ErrorInfo = API_ERRORS[code];
  // A 401 names the scheme to authenticate with (RFC 9110 §15.5.2), whichever check refused.
  const headers = info.status === 401 ? { ...BEARER_CHALLENGE, ...opts.headers } : { ...opts.headers };
  return jsonResult(info.status, { error: { type: info.type, code, message, details: opts.details ?? null, requestId, docUrl: errorDocUrl(code) } }, headers);
}

export const BEARER_CHALLENGE = { "WWW-Authenticate": 'Bearer realm="groundwork-api"' };

const FROM_APP: Record<AppErrorCode, ApiErrorCode> = {
  BAD_REQUEST: "bad_request",
  UNAUTHORIZED: "invalid_api_key",
  PAYMENT_REQUIRED: "payment_required",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
  PRECONDITION_FAILED: "precondition_failed",
  PAYLOAD_TOO_LARGE: "payload_too_large",
  UNPROCESSABLE_CONTENT: "validation_failed",
  TOO_MANY_REQUESTS: "write_rate_limited",
  INTERNAL_SERVER_ERROR: "internal_error",
  SERVICE_UNAVAILABLE: "service_unavailable",
};

/** An operation's AppError in the API's envelope; its status is the table's, which agrees with tRPC's map. */
export function appErrorResult(error: AppError, requestId: string): ApiResult {
  const code = FROM_APP[error.code];
  const headers = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
  return apiError(code, error.userMessage, requestId, { details: error.fieldErrors ? { fields: error.fieldErrors } : null, headers });
}

// The table and tRPC's map must agree, or the same refusal would differ by transport.
for (const [app, code] of Object.entries(FROM_APP)) {
  const expected = APP_ERROR_STATUS[app as AppErrorCode];
  if (API_ERRORS[code].status !== expected) {
    throw new Error(`API_ERRORS.${code} is ${API_ERRORS[code].status}, AppError ${app} is ${expected}`);
  }
}
