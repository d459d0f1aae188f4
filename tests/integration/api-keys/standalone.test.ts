/**
 * `npm run start:api`: the same /api/v1 handlers on bare node:http, over real HTTP — keys,
 * path params, bodies with Idempotency-Key, the envelope for unknown paths and methods.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNROUTABLE_METHOD_HEADER } from "@/server/http/request-method";
import { API_ENDPOINTS } from "@/server/rest/api";
import { startApiServer, type ApiServer } from "@/server/rest/standalone";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { sql } from "drizzle-orm";
import { db } from "@/server/db/client";
import { createFeedbackBoard } from "@/server/db/factories";
import { contract, issueKey, makeApiWorld, nextRandom } from "../../support/api";

let server: ApiServer;
let key: string;
let board: { id: string };
let workspace: { id: string; slug: string };

beforeAll(async () => {
  server = await startApiServer({ port: 0 });
  const w = await makeApiWorld();
  workspace = w.workspace;
  key = (await issueKey(w.admin, w.workspace, "admin", { scopes: ["boards:read", "posts:read", "posts:write"], rateLimitPerMinute: 10_000 })).secret;
  board = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Ideas" });
});
afterAll(async () => {
  await server.stop();
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

/** Over real HTTP; every answer is checked against the served OpenAPI document, as `api()` does. */
async function call(method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${server.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.clone().text();
  (await contract()).check({ method, path: new URL(path, server.origin).pathname, status: res.status, headers: res.headers, body: text === "" ? null : JSON.parse(text) });
  return res;
}

/** A request fetch can't make (a method it refuses, a malformed Host). */
function raw(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
    const req = http.request(`${server.origin}${path}`, { method, headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode!, allow: res.headers.allow, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the standalone API server", () => {
  it("answers GET /api/v1/me for a key, with the rate-limit headers", async () => {
    const res = await call("GET", "/api/v1/me");
    expect(res.status).toBe(200);
    expect(res.headers.get("ratelimit-policy")).toBe('"per-key";q=10000;w=60');
    expect(await res.json()).toMatchObject({ workspace: { id: workspace.id, slug: workspace.slug } });
  });

  it("creates a post from a JSON body once per Idempotency-Key, on a path with a parameter", async () => {
    const body = { title: "Dark mode for the dashboard", body: "Please." };
    const headers = { "idempotency-key": "standalone-create-1" };
    const first = await call("POST", `/api/v1/boards/${board.id}/posts`, { body, headers });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { id: string; title: string };
    expect(created.title).toBe(body.title);
    const replay = await call("POST", `/api/v1/boards/${board.id}/posts`, { body, headers });
    expect(replay.status).toBe(201);
    expect(((await replay.json()) as { id: string }).id).toBe(created.id);
    const listed = (await (await call("GET", `/api/v1/boards/${board.id}/posts?sort=new`)).json()) as { items: { id: string }[] };
    expect(listed.items.filter((p) => p.id === created.id)).toHaveLength(1);
  });

  it("answers unknown paths, wrong methods and a missing key in the envelope, and serves the OpenAPI document", async () => {
    const unknown = await call("GET", "/api/v1/nothing-here");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("route_not_found");
    const wrongMethod = await call("PATCH", "/api/v1/me");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, HEAD");
    const options = await call("OPTIONS", "/api/v1/me");
    expect(options.status).toBe(405);
    const anonymous = await fetch(`${server.origin}/api/v1/me`);
    expect(anonymous.status).toBe(401);
    const openapi = await fetch(`${server.origin}/api/v1/openapi.json`);
    expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
    for (const path of ["/api", "/api/v2/posts", "/api/v1"]) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe("route_not_found");
    }
  });

  it("answers HEAD wherever it answers GET: the same status and headers, no body", async () => {
    const head = await call("HEAD", "/api/v1/me");
    expect(head.status).toBe(200);
    expect(head.headers.get("ratelimit-policy")).toBe('"per-key";q=10000;w=60');
    expect(await head.text()).toBe("");
    const document = await call("HEAD", "/api/v1/openapi.json");
    expect(document.status).toBe(200);
    expect(await document.text()).toBe("");
  });

  it("answers HEAD on every GET endpoint with the GET's status and no body", async () => {
    const post = (await (await call("POST", `/api/v1/boards/${board.id}/posts`, { body: { title: "Heads up", body: "" } })).json()) as { id: string };
    const ids: Record<string, string> = { boardId: board.id, postId: post.id };
    for (const e of API_ENDPOINTS.filter((e) => e.method === "GET")) {
      const path = `/api${e.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!)}`;
      const get = await call("GET", path);
      const head = await call("HEAD", path);
      expect(head.status, path).toBe(get.status);
      expect(await head.text(), path).toBe("");
    }
  });

  it("answers a method no route handler takes, and a trailing slash, in the envelope", async () => {
    const propfind = await call("PROPFIND", "/api/v1/me");
    expect(propfind.status).toBe(405);
    expect(propfind.headers.get("allow")).toBe("GET, HEAD");
    expect(((await propfind.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
    // TRACE can't be sent with fetch (nor made into a Request): over a raw socket.
    const trace = await raw("TRACE", `/api/v1/boards/${board.id}/posts`);
    expect(trace).toMatchObject({ status: 405, allow: "GET, HEAD, POST" });
    expect((JSON.parse(trace.body) as { error: { code: string } }).error.code).toBe("method_not_allowed");
    // A client can't use the carrying header itself: start:api drops it, and the POST runs.
    const carried = await call("POST", `/api/v1/boards/${board.id}/posts`, { body: { title: "Not a PROPFIND", body: "" }, headers: { [UNROUTABLE_METHOD_HEADER]: "PROPFIND" } });
    expect(carried.status).toBe(201);

    const badHost = await raw("GET", "/api/v1/me", { host: "not a host", authorization: `Bearer ${key}` });
    expect(badHost.status, badHost.body).toBe(200);

    const slash = await call("GET", "/api/v1/me/");
    expect(slash.status).toBe(404);
    expect(((await slash.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: "route_not_found", message: expect.stringContaining("try /api/v1/me") });
  });

  it("compresses bodies of 1 KB or more for a client that accepts gzip, and leaves small ones alone", async () => {
    const res = await fetch(`${server.origin}/api/v1/openapi.json`, { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(((await res.json()) as { openapi: string }).openapi).toMatch(/^3\.1/); // fetch inflates it
    const plain = await fetch(`${server.origin}/api/v1/openapi.json`, { headers: { "accept-encoding": "gzip;q=0, identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    const small = await call("GET", "/api/v1/me", { headers: { "accept-encoding": "gzip" } });
    expect(small.headers.get("content-encoding")).toBeNull();
  });

  it("counts each client by its socket address unless a trusted proxy is configured", async () => {
    // No TRUSTED_PROXY_HOPS here: a forged X-Forwarded-For is not the address that gets logged.
    const res = await call("GET", "/api/v1/me", { headers: { "x-forwarded-for": "198.51.100.77" } });
    expect(res.status).toBe(200);
    await usageRecorder().flush();
    const [row] = await db.execute<{ ip: string | null }>(sql`select ip from api_request_log where request_id = ${res.headers.get("x-request-id")}`);
    expect(row?.ip).toBe("127.0.0.1");
  });
});

