import "server-only";
import { z } from "zod";
import { API_KEY_SCOPES, SCOPE_INFO } from "@/lib/api-scopes";
import type { Endpoint } from "./endpoint";

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

const errorRef = (description: string) => ({ description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } });
const rateLimitHeaders = {
  "RateLimit-Policy": { description: 'The key\'s limit (draft-ietf-httpapi-ratelimit-headers): `"per-key";q=<requests>;w=<window seconds>`', schema: { type: "string" } },
  RateLimit: { description: 'What is left of it: `"per-key";r=<remaining>;t=<seconds until the window resets>`', schema: { type: "string" } },
};

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
      [String(def.successStatus)]: { description: "Success", headers: rateLimitHeaders, content: { "application/json": { schema: toSchema(def.response, "output") } } },
      "400": errorRef("Malformed request (bad JSON, bad query parameter)"),
      "401": errorRef("Missing, malformed, unknown, revoked or expired key"),
      "403": errorRef("The key lacks the required scope (named in the message and details)"),
      "404": errorRef("Not found in the key's workspace"),
      ...(isPost ? { "409": errorRef("A request with the same Idempotency-Key is in progress"), "422": errorRef("Invalid body, or Idempotency-Key reused with a different body") } : {}),
      "429": errorRef("Rate limit or monthly quota reached; see Retry-After"),
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
      description: `Authenticate with \`Authorization: Bearer <key>\`. Scopes: ${API_KEY_SCOPES.map((s) => `\`${s}\` (${SCOPE_INFO[s].label.toLowerCase()})`).join(", ")}.`,
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
              required: ["code", "message", "details", "request_id"],
              properties: {
                code: { type: "string", examples: ["missing_scope"] },
                message: { type: "string" },
                details: { type: ["object", "null"] },
                request_id: { type: "string" },
              },
            },
          },
        },
      },
    },
  };
}
