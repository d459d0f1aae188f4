import "server-only";
import { z } from "zod";
import type { ApiKeyScope } from "@/lib/api-scopes";
import { PLANS } from "@/lib/plans";
import { db as defaultDb, type Db } from "@/server/db/client";
import { outageError } from "@/server/db/errors";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { clientIp } from "@/server/http/client-ip";
import { setRequestActor } from "@/server/logging/context";
import { logger } from "@/server/logging/logger";
import type { RateLimitResult, RateLimitRule } from "@/server/rate-limit/consume";
import { syncedLimiter } from "@/server/rate-limit/synced-limiter";
import type { UserActor } from "@/features/workspaces/server/actor";
import { apiQuota } from "@/features/api-keys/server/verify/quota";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import type { VerifiedKey } from "@/features/api-keys/server/verify/verify-api-key";
import { authenticate, authenticateFromCache } from "./authenticate";
import { apiError, appErrorResult, type ApiErrorCode } from "./errors";
import { jsonResult, type ApiRequest, type ApiResult } from "./exchange";
import { requestFingerprint, runIdempotent, validIdempotencyKey, type StoredResponse } from "./idempotency";
import { limitField, policyField, rateLimitFields } from "./rate-limit-fields";

const MAX_BODY_BYTES = 64 * 1024;
const none = z.object({});
type Schema = z.ZodType;

export type EndpointInput<P extends Schema, Q extends Schema, B extends Schema> = {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  key: VerifiedKey;
  /** The key acts as its creator (operations resolve their role themselves). */
  viewer: UserActor;
  db: Db;
};

export type Endpoint<P extends Schema = Schema, Q extends Schema = Schema, B extends Schema = Schema, R extends Schema = Schema> = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** OpenAPI-style path under /api: `/v1/posts/{postId}`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  scope: ApiKeyScope | null;
  params: P;
  query: Q;
  body: B | null;
  response: R;
  successStatus: 200 | 201;
  /**
   * The refusals its operation can answer (`not_found`, `conflict`, …): the document lists
   * these beside the request path's own, and nothing else, so a client sees only reachable codes.
   */
  errors: readonly ApiErrorCode[];
  /** A valid body for the reference page's curl example. */
  example?: unknown;
  handle(input: EndpointInput<P, Q, B>): Promise<z.input<R>>;
};

/** Declares an endpoint; the same object drives the route handler, the OpenAPI document and the fuzz test. */
export function endpoint<P extends Schema = typeof none, Q extends Schema = typeof none, B extends Schema = typeof none, R extends Schema = Schema>(
  def: Omit<Endpoint<P, Q, B, R>, "params" | "query" | "body" | "successStatus" | "errors"> & { params?: P; query?: Q; body?: B; successStatus?: 200 | 201; errors?: readonly ApiErrorCode[] },
): Endpoint<P, Q, B, R> {
  return { ...def, params: def.params ?? (none as unknown as P), query: def.query ?? (none as unknown as Q), body: def.body ?? null, successStatus: def.successStatus ?? 200, errors: def.errors ?? [] };
}

/** The key's per-minute limit as the RateLimit-Policy / RateLimit fields. */
function rateLimitHeaders(rule: RateLimitRule, limit: RateLimitResult, now: Date): Record<string, string> {
  return rateLimitFields(rule, limit.remaining, Math.max(0, Math.ceil((limit.resetAt.getTime() - now.getTime()) / 1000)));
}

function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const flat = z.flattenError(error);
  return { ...(flat.fieldErrors as Record<string, string[]>), ...(flat.formErrors.length ? { _: flat.formErrors } : {}) };
}

const firstProblem = (fields: Record<string, string[]>) => {
  const [name, messages] = Object.entries(fields)[0] ?? [];
  return name ? `${name === "_" ? "body" : name}: ${messages![0]}` : "The request is not valid.";
};

/** The first name the schema doesn't declare (Stripe's `parameter_unknown`: a typo is refused, not ignored). */
function unknownNames(schema: Schema, names: string[]): string | null {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  if (!shape) return null;
  return names.find((name) => !Object.hasOwn(shape, name)) ?? null;
}

const parameterUnknown = (name: string, what: string, requestId: string) =>
  apiError("parameter_unknown", `${name}: unknown ${what}.`, requestId, { details: { fields: { [name]: [`Unknown ${what}`] } } });

type Parsed<T> = { ok: true; value: T } | { ok: false; response: ApiResult };

async function readJsonBody(req: ApiRequest, requestId: string): Promise<Parsed<unknown>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return { ok: false, response: apiError("unsupported_content_type", "Send the body as JSON with `Content-Type: application/json`.", requestId) };
  }
  const bytes = await req.readBody(MAX_BODY_BYTES).catch(() => null);
  if (bytes === null) return { ok: false, response: apiError("payload_too_large", `The body is too large (${MAX_BODY_BYTES / 1024} KB at most).`, requestId) };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, response: apiError("invalid_json", "The body is not valid JSON.", requestId) };
  }
}

/** One request on its way through `serveEndpoint`: what metering and the limit headers need. */
type Served = {
  def: Endpoint;
  req: ApiRequest;
  key: VerifiedKey;
  ip: string;
  requestId: string;
  now: Date;
  started: number;
  billable: boolean;
  /** The key's RateLimit fields, once its limit is counted. */
  headers: Record<string, string> | null;
};

/** Every answer given once the key is known is metered (batched, decision 016). */
function finish(s: Served, response: ApiResult): ApiResult {
  usageRecorder().record({
    workspaceId: s.key.workspace.id,
    apiKeyId: s.key.id,
    method: s.req.method,
    path: s.req.path.slice(0, 300),
    route: `${s.def.method} ${s.def.path}`,
    status: response.status,
    latencyMs: Math.round(performance.now() - s.started),
    ip: s.ip === "unknown" ? null : s.ip,
    requestId: s.requestId,
    at: s.now,
    billable: s.billable,
  });
  return response;
}

function finishCounted(s: Served, response: ApiResult): ApiResult {
  Object.assign(response.headers, s.headers);
  return finish(s, response);
}

/**
 * The whole /api/v1 request path, in the order the issue fixes: key → scope → per-key rate
 * limit → plan quota → input → (idempotency) → operation → usage counted. Every refusal is the
 * error envelope with the status HTTP intends; nothing a client sends can produce a 500.
 * A cached key, a counted window and a fresh quota are checked without an async hop (the
 * `…FromCache`/`…Now` forms); only what needs the database awaits it.
 */
export async function serveEndpoint(def: Endpoint, req: ApiRequest, rawParams: Record<string, string | string[]>, requestId: string, db: Db = defaultDb): Promise<ApiResult> {
  const started = performance.now();
  const now = new Date();
  const ip = clientIp(req.headers);
  const authorization = req.headers.get("authorization");
  const auth = authenticateFromCache(authorization, now) ?? (await authenticate(authorization, ip, requestId, db));
  if (!auth.ok) return auth.response;
  const key = auth.key;
  setRequestActor({ userId: key.creator.userId, workspaceId: key.workspace.id });
  const s: Served = { def, req, key, ip, requestId, now, started, billable: false, headers: null };

  try {
    if (def.scope && !key.effectiveScopes.includes(def.scope)) {
      const granted = key.scopes.includes(def.scope);
      return finish(s,
        apiError("missing_scope",
          granted
            ? `This key has the ${def.scope} scope, but its creator's role (${key.creator.role}) no longer allows it.`
            : `This key lacks the ${def.scope} scope. Edit the key (or create one) with ${def.scope}.`,
          requestId,
          { details: { requiredScope: def.scope, keyScopes: key.scopes, effectiveScopes: key.effectiveScopes } },
        ),
      );
    }

    const rule: RateLimitRule = { name: "per-key", limit: key.rateLimitPerMinute ?? PLANS[key.workspace.plan].defaultRequestsPerMinute, windowSeconds: 60 };
    const limiter = syncedLimiter();
    const limit = limiter.consumeNow(rule, key.id, now) ?? (await limiter.consume(rule, key.id, now));
    const headers = (s.headers = rateLimitHeaders(rule, limit, now));
    if (!limit.allowed) {
      return finishCounted(s,
        apiError("rate_limited", `This key is limited to ${limit.limit} requests per minute. Try again in ${limit.retryAfterSeconds} seconds.`, requestId, {
          headers: { "Retry-After": String(limit.retryAfterSeconds) },
        }),
      );
    }
    const quotas = apiQuota();
    const quota = quotas.checkNow(key.workspace.id, key.workspace.plan, now) ?? (await quotas.check(key.workspace.id, key.workspace.plan, now));
    if (!quota.allowed) {
      const retryAfter = Math.max(1, Math.ceil((quota.resetAt.getTime() - now.getTime()) / 1000));
      return finishCounted(s,
        apiError("quota_exceeded",
          `${key.workspace.name} has used all ${quota.limit.toLocaleString("en-US")} API requests of the ${quota.planName} plan this month. To keep going, an owner of the workspace can upgrade it to the Pro plan (${PLANS.pro.monthlyApiRequests.toLocaleString("en-US")} requests a month, then billed per 1,000) at ${new URL(`/w/${key.workspace.slug}/billing`, env.APP_URL).toString()}; otherwise requests resume on ${quota.resetAt.toISOString().slice(0, 10)}.`,
          requestId,
          { details: { plan: key.workspace.plan, used: quota.used, limit: quota.limit, resetsAt: quota.resetAt.toISOString() }, headers: { "Retry-After": String(retryAfter) } },
        ),
      );
    }
    s.billable = true;

    const params = def.params.safeParse(rawParams);
    if (!params.success) {
      const fields = fieldErrors(params.error);
      return finishCounted(s, apiError("not_found", `Nothing at this address (${firstProblem(fields)}).`, requestId, { details: { fields } }));
    }
    const queryNames = [...req.query.keys()];
    const unknownQuery = queryNames.length === 0 ? null : unknownNames(def.query, queryNames);
    if (unknownQuery) return finishCounted(s, parameterUnknown(unknownQuery, "query parameter", requestId));
    const query = def.query.safeParse(queryNames.length === 0 ? {} : Object.fromEntries(req.query));
    if (!query.success) {
      const fields = fieldErrors(query.error);
      return finishCounted(s, apiError("invalid_parameter", firstProblem(fields), requestId, { details: { fields } }));
    }
    let body: unknown = undefined;
    if (def.body) {
      const raw = await readJsonBody(req, requestId);
      if (!raw.ok) return finishCounted(s, raw.response);
      const unknownField = raw.value && typeof raw.value === "object" && !Array.isArray(raw.value) ? unknownNames(def.body, Object.keys(raw.value)) : null;
      if (unknownField) return finishCounted(s, parameterUnknown(unknownField, "body field", requestId));
      const parsed = def.body.safeParse(raw.value);
      if (!parsed.success) {
        const fields = fieldErrors(parsed.error);
        return finishCounted(s, apiError("validation_failed", firstProblem(fields), requestId, { details: { fields } }));
      }
      body = parsed.data;
    }

    const viewer: UserActor = { userId: key.creator.userId, displayName: key.creator.displayName, impersonatorId: null, ip: ip === "unknown" ? null : ip };
    const input: EndpointInput<Schema, Schema, Schema> = { params: params.data, query: query.data, body, key, viewer, db };

    const idempotencyKey = req.headers.get("idempotency-key");
    if (req.method === "POST" && idempotencyKey !== null) {
      if (!validIdempotencyKey(idempotencyKey)) {
        return finishCounted(s, apiError("invalid_idempotency_key", "Idempotency-Key must be 1–255 printable ASCII characters.", requestId));
      }
      const outcome = await runIdempotent(db, { apiKeyId: key.id, workspaceId: key.workspace.id, key: idempotencyKey, fingerprint: requestFingerprint(req.method, req.path, body) }, () => runOperation(def, input, headers, requestId));
      if (outcome.kind === "mismatch") {
        return finishCounted(s, apiError("idempotency_key_reused", "This Idempotency-Key was already used with a different request. Use a new key for a new request.", requestId));
      }
      if (outcome.kind === "in_progress") {
        return finishCounted(s, apiError("idempotency_in_progress", "A request with this Idempotency-Key is still being processed. Retry once it has finished.", requestId));
      }
      return finishCounted(s, jsonResult(outcome.response.status, outcome.response.body, outcome.kind === "replayed" ? { "Idempotent-Replayed": "true" } : {}));
    }
    const result = await runOperation(def, input, headers, requestId);
    return finishCounted(s, jsonResult(result.status, result.body));
  } catch (error) {
    return finish(s, failure(error, `${def.method} ${def.path}`, requestId, "api endpoint failed"));
  }
}

/**
 * The operation itself. Every outcome of an operation that began is an answer (a 500
 * included), so that an Idempotency-Key stores it as Stripe does; only what happens before it
 * may throw. A per-user write limit's refusal adds its fields to `headers`.
 */
async function runOperation(def: Endpoint, input: EndpointInput<Schema, Schema, Schema>, headers: Record<string, string>, requestId: string): Promise<StoredResponse> {
  const route = `${def.method} ${def.path}`;
  let result: unknown;
  try {
    result = await def.handle(input);
  } catch (caught) {
    const error = outageError(caught) ?? caught;
    if (error instanceof AppError) {
      if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
      // A per-user write limit refused it, not the key's: list that policy too, at 0 left.
      if (error.rateLimit) {
        headers["RateLimit-Policy"] += `, ${policyField(error.rateLimit)}`;
        headers.RateLimit += `, ${limitField(error.rateLimit.name, 0, error.retryAfterSeconds ?? error.rateLimit.windowSeconds)}`;
      }
      return stored(appErrorResult(error, requestId));
    }
    // An operation validating its own input further (the API's schemas already passed).
    if (error instanceof z.ZodError) {
      const fields = fieldErrors(error);
      return stored(apiError("validation_failed", firstProblem(fields), requestId, { details: { fields } }));
    }
    return internalError(error, route, requestId, "api endpoint failed");
  }
  try {
    // Serialised once, when the answer is written (or stored): dates become ISO strings there.
    return { status: def.successStatus, body: checkOutput(def.response, result) };
  } catch (error) {
    // A response that fails its own schema is our bug.
    return internalError(error, route, requestId, "api endpoint answered outside its response schema");
  }
}

/** Outputs already checked, per schema and result object: results are never changed once returned. */
const checkedOutputs = new WeakMap<Schema, WeakMap<object, unknown>>();

/**
 * The response schema's parse of an operation's result. A result returned again — the same
 * object, as a cached post-list page is — was checked already and its parse is reused, so
 * serving a cached page costs neither the parse nor (`jsonText`) another serialisation.
 */
function checkOutput(schema: Schema, result: unknown): unknown {
  if (typeof result !== "object" || result === null) return schema.parse(result);
  let checked = checkedOutputs.get(schema);
  if (!checked) checkedOutputs.set(schema, (checked = new WeakMap()));
  if (checked.has(result)) return checked.get(result);
  const parsed = schema.parse(result);
  checked.set(result, parsed);
  return parsed;
}

/** An outage is a 503 with Retry-After (logged as a warning); anything else the envelope's 500, logged as an error. */
export function failure(error: unknown, route: string, requestId: string, what: string): ApiResult {
  const outage = outageError(error);
  if (outage) {
    logger.warn({ err: error, route }, `${what}: database unavailable`);
    return appErrorResult(outage, requestId);
  }
  logger.error({ err: error, route }, what);
  return apiError("internal_error", INTERNAL_MESSAGE, requestId);
}

export const INTERNAL_MESSAGE = "Something went wrong on our side. Retry later; if it keeps happening, quote the request id.";

function internalError(error: unknown, route: string, requestId: string, what: string): StoredResponse {
  logger.error({ err: error, route }, what);
  return stored(apiError("internal_error", INTERNAL_MESSAGE, requestId));
}

/** What an Idempotency-Key keeps of an answer: its status and body (the headers are made again on a replay). */
const stored = (result: ApiResult): StoredResponse => ({ status: result.status, body: result.body });
