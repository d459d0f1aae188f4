import "server-only";
import { z } from "zod";
import { API_KEY_SCOPES, SCOPE_INFO } from "@/lib/api-scopes";
import type { Endpoint } from "./endpoint";
import { API_ERROR_CODES, API_ERRORS, errorCodesFor, ROUTER_ERROR_CODES, type ApiErrorCode } from "./errors";

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    override: (ctx) => {
      if ((ctx.zodSchema as unknown as { _zod: { def: { type: string } } })._zod.def.type === "date") {
        ctx.jsonSchema.type = "string";
        ctx.jsonSchema.format = "date-time";
      }
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parameters(schema: z.ZodType, where: "path" | "query") {
  const json = toSchema(schema, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
  }));
}

type HeaderObject = { description: string; required?: boolean; schema: Record<string, unknown> };
const header = (description: string, schema: Record<string, unknown> = { type: "string" }): HeaderObject => ({ description, schema });
const required = (h: HeaderObject): HeaderObject => ({ ...h, required: true });

const requestId = required(header("The server's id for this request; quote it to support", { type: "string", format: "uuid" }));
const clientRequestId = header("Your own X-Request-Id, echoed when you sent a well-formed one (8–100 of A–Z a–z 0–9 . _ -)");
const requestIdHeaders = { "X-Request-Id": requestId, "X-Client-Request-Id": clientRequestId };

// draft-ietf-httpapi-ratelimit-headers structured fields: one list member per policy.
const NAME = '"[a-z0-9-]+"';
const rateLimitPolicy = header(
  'The limits that apply (draft-ietf-httpapi-ratelimit-headers): `"per-key";q=<requests>;w=<window seconds>`, the key\'s per-minute limit. A per-user write limit that refused the request is listed after it; a 401 for a key that failed, and a 429 `too_many_invalid_keys`, name `"api-invalid-key"`, the limit on failed keys per address',
  { type: "string", pattern: `^${NAME};q=\\d+;w=\\d+(, ${NAME};q=\\d+;w=\\d+)*$` },
);
const rateLimit = header("What is left of each policy, in the same order: `\"per-key\";r=<remaining>;t=<seconds until the window resets>`", {
  type: "string",
  pattern: `^${NAME};r=\\d+;t=\\d+(, ${NAME};r=\\d+;t=\\d+)*$`,
});
const retryAfter = required(header("Seconds to wait before retrying", { type: "integer", minimum: 0 }));

/** Codes answered before the key's limit is counted, or by the router (so without the RateLimit fields). */
const BEFORE_LIMIT = new Set<ApiErrorCode>([...ROUTER_ERROR_CODES, "missing_api_key", "invalid_authorization_header", "invalid_api_key", "api_key_revoked", "api_key_expired", "api_key_rolled", "api_key_creator_left", "missing_scope", "internal_error", "service_unavailable"]);

/** The headers a response carrying these codes sends: required where every one of them sends it. */
function errorHeaders(status: number, codes: ApiErrorCode[]): Record<string, HeaderObject> {
  const limited = codes.filter((code) => !BEFORE_LIMIT.has(code)).length;
  const limitHeaders: Record<string, HeaderObject> = limited === 0 ? {} : limited === codes.length ? { "RateLimit-Policy": required(rateLimitPolicy), RateLimit: required(rateLimit) } : { "RateLimit-Policy": rateLimitPolicy, RateLimit: rateLimit };
  return {
    ...requestIdHeaders,
    // A key that failed counts against the address's limit on failed keys, which a 401 then reports.
    ...(status === 401 ? { "WWW-Authenticate": required(header('The scheme to authenticate with: `Bearer realm="groundwork-api"`')), "RateLimit-Policy": rateLimitPolicy, RateLimit: rateLimit } : {}),
    ...(status === 405 ? { Allow: required(header("The methods the path answers, e.g. `GET, HEAD`")) } : {}),
    ...(status === 429 || status === 503 ? { "Retry-After": retryAfter } : {}),
    ...limitHeaders,
  };
}

function errorResponse(codes: ApiErrorCode[]) {
  const status = API_ERRORS[codes[0]!].status;
  return {
    description: codes.map((code) => `\`${code}\`: ${API_ERRORS[code].title}`).join(" "),
    headers: errorHeaders(status, codes),
    content: {
      "application/json": {
        schema: { allOf: [{ $ref: "#/components/schemas/Error" }, { type: "object", properties: { error: { type: "object", properties: { code: { enum: codes } } } } }] },
      },
    },
  };
}

/** One response per status, listing exactly the codes `codes` holds for it. */
function byStatus(codes: ApiErrorCode[]) {
  const groups = new Map<number, ApiErrorCode[]>();
  for (const code of codes) groups.set(API_ERRORS[code].status, [...(groups.get(API_ERRORS[code].status) ?? []), code]);
  return Object.fromEntries([...groups].sort(([a], [b]) => a - b).map(([status, group]) => [String(status), errorResponse(group)]));
}

const declares = (schema: z.ZodType) => Object.keys((schema as { shape?: object }).shape ?? {}).length > 0;

function errorResponses(def: Endpoint) {
  return byStatus(
    errorCodesFor({
      hasBody: def.body !== null,
      hasParams: declares(def.params),
      hasQuery: declares(def.query),
      isPost: def.method === "POST",
      scoped: def.scope !== null,
      operationErrors: def.errors,
    }),
  );
}

function operation(def: Endpoint) {
  const isPost = def.method === "POST";
  return {
    operationId: def.operationId,
    summary: def.summary,
    tags: [def.tag],
    ...(def.scope ? { "x-required-scope": def.scope, description: `Requires the \`${def.scope}\` scope.` } : {}),
    parameters: [
      ...parameters(def.params, "path"),
      ...parameters(def.query, "query"),
      ...(isPost ? [{ name: "Idempotency-Key", in: "header", required: false, description: "Replays the stored response for 24 hours when the same request is sent again with this key", schema: { type: "string", maxLength: 255 } }] : []),
    ],
    ...(def.body ? { requestBody: { required: true, content: { "application/json": { schema: toSchema(def.body, "input") } } } } : {}),
    responses: {
      [String(def.successStatus)]: {
        description: "Success",
        headers: {
          ...requestIdHeaders,
          "RateLimit-Policy": required(rateLimitPolicy),
          RateLimit: required(rateLimit),
          ...(isPost ? { "Idempotent-Replayed": header("`true` when this is the stored response to an earlier request with the same Idempotency-Key", { type: "string", enum: ["true"] }) } : {}),
        },
        content: { "application/json": { schema: toSchema(def.response, "output") } },
      },
      ...errorResponses(def),
    },
  };
}

/** OpenAPI 3.1 from the same zod schemas the handlers validate with, so the two can't drift. */
export function buildOpenApiDocument(endpoints: readonly Endpoint[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const def of endpoints) {
    paths[def.path] ??= {};
    paths[def.path]![def.method.toLowerCase()] = operation(def);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Groundwork API",
      version: "1",
      license: { name: "Proprietary: the API of a hosted service, for its customers", identifier: "LicenseRef-Proprietary" },
      description: [
        `Authenticate with \`Authorization: Bearer <key>\`. Scopes: ${API_KEY_SCOPES.map((s) => `\`${s}\` (${SCOPE_INFO[s].label.toLowerCase()})`).join(", ")}.`,
        "Any path without an endpoint answers 404 `route_not_found`; a path with endpoints, asked with another method, answers 405 `method_not_allowed` with an `Allow` header. HEAD is answered wherever GET is.",
        "Unknown query parameters and body fields are refused with 400 `parameter_unknown`. Every error is `{ error: { type, code, message, details, requestId, docUrl } }`; the codes each response can carry are listed with it.",
      ].join("\n\n"),
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths,
    // What the router answers where no operation does; the contract test reads it, and
    // OpenAPI has no place for responses outside an operation (decision 050).
    "x-router-responses": byStatus(ROUTER_ERROR_CODES),
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key: gw_live_… or gw_test_…" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["type", "code", "message", "details", "requestId", "docUrl"],
              properties: {
                type: { type: "string", enum: [...new Set(Object.values(API_ERRORS).map((e) => e.type))] },
                code: { type: "string", enum: API_ERROR_CODES },
                message: { type: "string", description: "For people: what happened and what to do" },
                details: { type: ["object", "null"], description: "Machine-readable specifics, e.g. `fields` (field name → messages)" },
                requestId: { type: "string", description: "The same id as the X-Request-Id header" },
                docUrl: { type: "string", description: "The code's entry in the error reference" },
              },
            },
          },
        },
      },
    },
  };
}
