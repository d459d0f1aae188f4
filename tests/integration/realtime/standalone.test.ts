/**
 * `npm run start:realtime`'s server: the same SSE endpoint without Next, on a port of its own.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { realtimeHub } from "@/server/realtime/hub";
import { publish } from "@/server/realtime/publish";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime/standalone";
import { signedInHeaders } from "../../support/sessions";

let server: RealtimeServer;
beforeAll(async () => {
  server = await startRealtimeServer({ port: 0 });
});
const requests: http.ClientRequest[] = [];
afterAll(async () => {
  for (const req of requests) req.destroy();
  await server.stop();
  await realtimeHub().stop();
});

function get(path: string, headers: Record<string, string> = {}) {
  let text = "";
  const chunks: ((text: string) => void)[] = [];
  const response = new Promise<http.IncomingMessage>((resolve, reject) => {
    const req = http.get(`${server.origin}${path}`, { headers }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
        chunks.forEach((notify) => notify(text));
      });
      resolve(res);
    });
    req.on("error", reject);
    requests.push(req);
  });
  const until = (needle: string, timeoutMs = 2_000) =>
    new Promise<string>((resolve, reject) => {
      if (text.includes(needle)) return resolve(text);
      const timer = setTimeout(() => reject(new Error(`no ${needle} within ${timeoutMs} ms; got ${text}`)), timeoutMs);
      chunks.push((all) => all.includes(needle) && (clearTimeout(timer), resolve(all)));
    });
  return { response, until };
}

describe("the standalone realtime server", () => {
  it("streams a member's workspace events, live, with the SSE headers", async () => {
    const random = createRandom(9191);
    const alice = (await createUser(db, random))!;
    const workspace = await createWorkspaceWithMembers(db, random, { owner: alice });
    const stream = get(`/api/realtime?channels=workspace:${workspace.id}`, await signedInHeaders(alice.id));
    const res = await stream.response;
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-cache, no-transform");
    await stream.until("event: realtime.ready");
    const event = await publish(`workspace:${workspace.id}`, { type: "item.created", data: { n: 1 } });
    expect(await stream.until(`id: ${event.id}\n`)).toContain('"type":"item.created"');
  });

  it("refuses a stream without a session (401) and answers nothing but its own path (404)", async () => {
    const anonymous = await get(`/api/realtime?channels=workspace:${crypto.randomUUID()}`).response;
    expect(anonymous.statusCode).toBe(401);
    const elsewhere = await get("/api/trpc/auth.me").response;
    expect(elsewhere.statusCode).toBe(404);
    const health = get("/healthz");
    expect((await health.response).statusCode).toBe(200);
    expect(await health.until("}")).toMatch(/"status":"ok"/);
  });
});
