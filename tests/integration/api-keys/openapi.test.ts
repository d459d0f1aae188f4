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
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining([String(e.successStatus), "400", "401", "404", "429", "500", "503"]));
    // Only statuses the endpoint can answer: 403 needs a scope, 409 an Idempotency-Key, 413/422 a body.
    expect("403" in op.responses).toBe(e.scope !== null);
    expect("409" in op.responses).toBe(e.method === "POST" || e.scope !== null);
    expect("413" in op.responses).toBe(e.body !== null);
    if (e.method === "POST") expect(op.parameters.map((p) => p.name)).toContain("Idempotency-Key");
  }
  const usage = doc.paths["/v1/usage"]!.get!;
  expect(usage.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "days", in: "query" })]));
  expect(JSON.stringify(doc)).toContain('"format":"date-time"');
});
