/** The contract items of issue 14 that every caller sees: ids, unknown parameters, CORS. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { db } from "@/server/db/client";
import { createFeedbackBoard } from "@/server/db/factories";
import { api, issueKey, makeApiWorld, nextRandom } from "../../support/api";

let key: string;
let boardId: string;
beforeAll(async () => {
  const w = await makeApiWorld();
  key = (await issueKey(w.admin, w.workspace, "admin")).secret;
  boardId = (await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Contract" })).id;
});
afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

describe("request ids", () => {
  it("are made by the server; the caller's own is echoed as X-Client-Request-Id, never adopted", async () => {
    const res = await api("GET", "/api/v1/me?nope=1", { key, headers: { "x-request-id": "caller-chosen-0001" } });
    const ours = res.headers.get("x-request-id");
    expect(ours).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-client-request-id")).toBe("caller-chosen-0001");
    expect(res.body.error!.requestId).toBe(ours);
    const again = await api("GET", "/api/v1/me", { key, headers: { "x-request-id": "caller-chosen-0001" } });
    expect(again.headers.get("x-request-id")).not.toBe(ours);
    expect((await api("GET", "/api/v1/me", { key })).headers.get("x-client-request-id")).toBeNull();
  });
});

describe("unknown parameters", () => {
  it("an unknown query parameter is a 400 parameter_unknown naming it", async () => {
    const res = await api("GET", `/api/v1/boards/${boardId}/posts?sort=new&limt=5`, { key });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "parameter_unknown", details: { fields: { limt: ["Unknown query parameter"] } } });
  });

  it("an unknown body field is a 400 parameter_unknown naming it, and nothing is created", async () => {
    const res = await api("POST", `/api/v1/boards/${boardId}/posts`, { key, body: { title: "Typo in a field", body: "x", titel: "oops" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "parameter_unknown", details: { fields: { titel: ["Unknown body field"] } } });
    const list = await api("GET", `/api/v1/boards/${boardId}/posts?sort=new`, { key });
    expect(JSON.stringify(list.body)).not.toContain("Typo in a field");
  });
});

describe("bodies", () => {
  it("a body over 64 KB is a 413 payload_too_large, counted against the key's limit like any answer", async () => {
    const res = await api("POST", `/api/v1/boards/${boardId}/posts`, { key, rawBody: JSON.stringify({ title: "Big", body: "x".repeat(70 * 1024) }) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ type: "invalid_request_error", code: "payload_too_large" });
    expect(res.headers.get("ratelimit")).toMatch(/^"per-key";r=\d+;t=\d+$/);
  });

  it("a body that isn't JSON, or isn't sent as JSON, is a 400 naming what to send", async () => {
    expect((await api("POST", `/api/v1/boards/${boardId}/posts`, { key, rawBody: "{not json" })).body.error).toMatchObject({ code: "invalid_json" });
    const form = await api("POST", `/api/v1/boards/${boardId}/posts`, { key, rawBody: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(form.body.error).toMatchObject({ code: "unsupported_content_type" });
  });
});

describe("lists", () => {
  it("say hasMore beside nextCursor, and hasMore is false on the last page", async () => {
    const w = await makeApiWorld();
    const writer = (await issueKey(w.admin, w.workspace, "admin")).secret;
    const board = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Pages" });
    for (const title of ["First of two", "Second of two"]) expect((await api("POST", `/api/v1/boards/${board.id}/posts`, { key: writer, body: { title, body: "" } })).status).toBe(201);
    const first = await api("GET", `/api/v1/boards/${board.id}/posts?sort=new&limit=1`, { key: writer });
    expect(first.body).toMatchObject({ hasMore: true, nextCursor: expect.any(String) });
    const last = await api("GET", `/api/v1/boards/${board.id}/posts?sort=new&limit=1&cursor=${String(first.body.nextCursor)}`, { key: writer });
    expect(last.body).toMatchObject({ hasMore: false, nextCursor: null });
  });
});

describe("CORS", () => {
  it("the OpenAPI document is readable from any origin, preflight included", async () => {
    const doc = await api("GET", "/api/v1/openapi.json", { headers: { origin: "https://editor.swagger.io" } });
    expect(doc.headers.get("access-control-allow-origin")).toBe("*");
    const preflight = await api("OPTIONS", "/api/v1/openapi.json", { headers: { origin: "https://editor.swagger.io", "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET, HEAD");
  });

  it("data endpoints send no CORS headers: a key is a server-side secret", async () => {
    const res = await api("GET", "/api/v1/me", { key, headers: { origin: "https://evil.example" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await api("OPTIONS", "/api/v1/me", { headers: { origin: "https://evil.example", "access-control-request-method": "GET" } });
    expect(preflight.status).toBe(405);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("errors", () => {
  it("carry a type, a code from the table and a link to its documentation", async () => {
    const res = await api("GET", "/api/v1/me");
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ type: "authentication_error", code: "missing_api_key", docUrl: "/docs/api#missing_api_key" });
  });

  it("a 401 for a key that failed says what is left of the address's limit on failed keys", async () => {
    const res = await api("GET", "/api/v1/me", { key: "gw_live_short", ip: "198.51.100.201" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="groundwork-api"');
    expect(res.headers.get("ratelimit-policy")).toBe('"api-invalid-key";q=30;w=60');
    expect(res.headers.get("ratelimit")).toMatch(/^"api-invalid-key";r=29;t=\d+$/);
  });

  it("a per-user write limit answers its own code and names its policy beside the key's, which still has room", async () => {
    const w = await makeApiWorld();
    const writer = (await issueKey(w.member, w.workspace, "member", { scopes: ["posts:write"] })).secret;
    const board = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Write limits" });
    let res = await api("POST", `/api/v1/boards/${board.id}/posts`, { key: writer, body: { title: "Post 0", body: "" } });
    for (let i = 1; res.status === 201 && i < 20; i++) res = await api("POST", `/api/v1/boards/${board.id}/posts`, { key: writer, body: { title: `Post ${i}`, body: "" } });
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ type: "rate_limit_error", code: "write_rate_limited" });
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(res.headers.get("ratelimit-policy")).toMatch(/^"per-key";q=\d+;w=60, "feedback-post-user";q=10;w=600$/);
    const [keyLeft, writeLeft] = res.headers.get("ratelimit")!.split(", ");
    expect(Number(/r=(\d+)/.exec(keyLeft!)![1])).toBeGreaterThan(0);
    expect(writeLeft).toMatch(/^"feedback-post-user";r=0;t=\d+$/);
  });
});
