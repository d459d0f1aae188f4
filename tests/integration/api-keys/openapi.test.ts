/** The OpenAPI 3.1 document is generated from the handlers' own zod schemas and lists every endpoint. */
import { expect, it } from "vitest";
import { API_ENDPOINTS } from "@/server/rest/api";
import { api } from "../../support/api";

type Doc = { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; parameters: Array<{ name: string; in: string }>; "x-required-scope"?: string }>> };

it("serves OpenAPI 3.1 with every endpoint, its scope, its errors and Idempotency-Key on POSTs", async () => {
  const res = await api("GET", "/api/v1/openapi.json");
  expect(res.status).toBe(200);
  const doc = res.body as unknown as Doc;
  expect(doc.openapi).toBe("3.1.0");
  const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  expect(listed.sort()).toEqual(API_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort());
  for (const e of API_ENDPOINTS) {
    const op = doc.paths[e.path]![e.method.toLowerCase()]!;
    expect(op.operationId).toBe(e.operationId);
    expect(op["x-required-scope"]).toBe(e.scope ?? undefined);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining([String(e.successStatus), "400", "401", "429", "500", "503"]));
    // Only statuses the endpoint can answer: 403 needs a scope, 404 an id in the path, 409 an
    // Idempotency-Key or an operation that can conflict, 413 a body.
    const hasParams = Object.keys((e.params as { shape?: object }).shape ?? {}).length > 0;
    expect("403" in op.responses).toBe(e.scope !== null);
    expect("404" in op.responses).toBe(hasParams);
    expect("409" in op.responses).toBe(e.method === "POST" || e.errors.includes("conflict"));
    expect("413" in op.responses).toBe(e.body !== null);
    if (e.method === "POST") expect(op.parameters.map((p) => p.name)).toContain("Idempotency-Key");
  }
  const usage = doc.paths["/v1/usage"]!.get!;
  expect(usage.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "days", in: "query" })]));
  expect(JSON.stringify(doc)).toContain('"format":"date-time"');
});

it("lists per response only the codes it can carry, with the headers the server sends", async () => {
  const doc = (await api("GET", "/api/v1/openapi.json")).body as unknown as {
    paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
    "x-router-responses": Record<string, Response>;
  };
  type Response = { headers: Record<string, { required?: boolean }>; content: { "application/json": { schema: { allOf: [unknown, { properties: { error: { properties: { code: { enum: string[] } } } } }] } } } };
  const codes = (r: Response) => r.content["application/json"].schema.allOf[1].properties.error.properties.code.enum;
  const me = doc.paths["/v1/me"]!.get!.responses;
  expect(codes(me["400"]!)).toEqual(["parameter_unknown"]);
  expect(me["404"]).toBeUndefined();
  expect(me["200"]!.headers["RateLimit-Policy"]!.required).toBe(true);
  expect(me["401"]!.headers["WWW-Authenticate"]!.required).toBe(true);
  expect(me["401"]!.headers.RateLimit!.required).toBeFalsy();
  expect(me["429"]!.headers["Retry-After"]!.required).toBe(true);
  const createPost = doc.paths["/v1/boards/{boardId}/posts"]!.post!.responses;
  expect(codes(createPost["413"]!)).toEqual(["payload_too_large"]);
  expect(codes(createPost["429"]!)).toContain("write_rate_limited");
  expect(createPost["201"]!.headers["Idempotent-Replayed"]).toBeDefined();
  expect(codes(doc["x-router-responses"]["405"]!)).toEqual(["method_not_allowed"]);
  expect(doc["x-router-responses"]["405"]!.headers.Allow!.required).toBe(true);
  expect(codes(doc["x-router-responses"]["404"]!)).toEqual(["route_not_found"]);
});

it("names every field in one casing, camelCase, errors included (code values stay snake_case)", async () => {
  const doc = (await api("GET", "/api/v1/openapi.json")).body;
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [name, value] of Object.entries(node)) {
      if (name === "properties" && value && typeof value === "object") for (const field of Object.keys(value)) names.add(field);
      walk(value);
    }
  };
  walk(doc);
  expect(names.size).toBeGreaterThan(20);
  expect([...names].filter((name) => !/^[a-z][a-zA-Z0-9]*$/.test(name))).toEqual([]);
  expect([...names]).toEqual(expect.arrayContaining(["requestId", "docUrl", "hasMore", "nextCursor"]));
});
