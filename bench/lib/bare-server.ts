/**
 * The issue-14 baseline: a bare `node:http` server answering each path with the JSON it is
 * given, in its own process. Not in the bench's own process: that one runs autocannon, and a
 * server sharing its thread with the load generator serves about half of what it serves alone
 * (19k against 39.5k req/s on `GET /v1/me`, decision 040), which flattered every ratio against it.
 */
import { findFreePort } from "../../tools/embedded-postgres";
import { startChildServer, type ChildServer } from "./child-server";

export async function startBareServer(bodies: Record<string, string>): Promise<ChildServer> {
  const port = await findFreePort();
  const script = `
    const bodies = JSON.parse(process.env.BODIES);
    require("node:http").createServer((req, res) => {
      const body = req.url === "/healthz" ? '{"status":"ok"}' : bodies[req.url] ?? "{}";
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    }).listen(${port}, "127.0.0.1");`;
  return startChildServer({ args: ["-e", script], port, env: { ...process.env, BODIES: JSON.stringify(bodies) }, what: "the bare node:http server" });
}
