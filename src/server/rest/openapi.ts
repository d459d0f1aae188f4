import "server-only";
import { z } from "zod";
import { API_KEY_SCOPES, SCOPE_INFO } from "@/lib/api-scopes";
import type { Endpoint } from "./endpoint";
import { API_ERROR_CODES, API_ERRORS, errorCodesFor, type ApiErrorCode } from "./errors";

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

const header = (description: string) => ({ description, schema: { type: "string" } });
const requestIdHeaders = {
  "X-Request-Id": header("The server's id for this request; quote it to support"),
  "X-Client-Request-Id": header("Your own X-Request-Id, echoed when you sent a well-formed one (8–100 of A–Z a–z 0–9 . _ -)"),
};
const rateLimitHeaders = {
  "RateLimit-Policy": header('The key\'s limit (draft-ietf-httpapi-ratelimit-headers): `"per-key";q=<requests>;w=<window seconds>`; a per-user write limit that refused the request is listed after it'),
  RateLimit: header('What is left: `"per-key";r=<remaining>;t=<seconds until the window resets>`'),
};
/** Only on responses from after the key's limit was counted. */
const LIMITED_STATUSES = new Set([400, 404, 409, 413, 422, 429]);
/** Answered by the router for any path, not by an operation: documented once, in info.description. */
const ROUTER_CODES = new Set<ApiErrorCode>(["route_not_found", "method_not_allowed"]);
const ERROR_STATUSES = [...new Set(Object.values(API_ERRORS).map((e) => e.status))].sort((a, b) => a - b);

function errorResponses(def: Endpoint) {
  const flags = { hasBody: def.body !== null, isPost: def.method === "POST", scoped: def.scope !== null };
  const responses: Record<string, unknown> = {};
  for (const status of ERROR_STATUSES) {
    const codes = errorCodesFor(status, flags).filter((code) => !ROUTER_CODES.has(code));
    if (codes.length === 0) continue;
    responses[String(status)] = {
      description: codes.map((code) => `\`${code}\`: ${API_ERRORS[code].title}`).join(" "),
      headers: {
        ...requestIdHeaders,
        ...(status === 401 ? { "WWW-Authenticate": header('`Bearer realm="groundwork-api"`') } : {}),
        ...(status === 429 || status === 503 ? { "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer" } } } : {}),
        ...(LIMITED_STATUSES.has(status) ? rateLimitHeaders : {}),
      },
      content: {
        "application/json": {
          schema: { allOf: [{ $ref: "#/components/schemas/Error" }, { type: "object", properties: { error: { type: "object", properties: { code: { enum: codes } } } } }] },
        },
      },
    };
  }
  return responses;
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
        headers: { ...requestIdHeaders, ...rateLimitHeaders, ...(isPost ? { "Idempotent-Replayed": header("`true` when this is the stored response to an earlier request with the same Idempotency-Key") } : {}) },
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
      description: [
        `Authenticate with \`Authorization: Bearer <key>\`. Scopes: ${API_KEY_SCOPES.map((s) => `\`${s}\` (${SCOPE_INFO[s].label.toLowerCase()})`).join(", ")}.`,
        "Any path without an endpoint answers 404 `route_not_found`; a path with endpoints, asked with another method, answers 405 `method_not_allowed` with an `Allow` header. HEAD is answered wherever GET is.",
        "Unknown query parameters and body fields are refused with 400 `parameter_unknown`. Every error is `{ error: { type, code, message, details, request_id, doc_url } }`; the codes each response can carry are listed with it.",
      ].join("\n\n"),
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key: gw_live_… or gw_test_…" } },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["type", "code", "message", "details", "request_id", "doc_url"],
              properties: {
                type: { type: "string", enum: [...new Set(Object.values(API_ERRORS).map((e) => e.type))] },
                code: { type: "string", enum: API_ERROR_CODES },
                message: { type: "string", description: "For people: what happened and what to do" },
                details: { type: ["object", "null"], description: "Machine-readable specifics, e.g. `fields` (field name → messages)" },
                request_id: { type: "string" },
                doc_url: { type: "string", description: "The code's entry in the error reference" },
              },
            },
          },
        },
      },
    },
  };
}
