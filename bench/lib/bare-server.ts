/**
 * The issue-14 baseline: a bare `node:http` server answering each path with the JSON it is
 * given, in its own process. Not in the bench's own process: that one runs autocannon, and a
 * server sharing its thread with the load generator serves about half of what it serves alone
 * (19k against 39.5k req/s on `GET /v1/me`, decision 040), which flattered every ratio against it.
 */
import { spawn } from "node:child_process";
import { findFreePort } from "../../tools/embedded-postgres";
import { waitUntilHealthy } from "./healthz";

export async function startBareServer(bodies: Record<string, string>): Promise<{ origin: string; pid: number; stop: () => Promise<void> }> {
  const port = await findFreePort();
  const script = `
    const bodies = JSON.parse(process.env.BODIES);
    require("node:http").createServer((req, res) => {
      const body = req.url === "/healthz" ? '{"status":"ok"}' : bodies[req.url] ?? "{}";
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    }).listen(${port}, "127.0.0.1");`;
  const child = spawn(process.execPath, ["-e", script], { env: { ...process.env, BODIES: JSON.stringify(bodies) }, stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(origin, "the bare node:http server", { exited: () => child.exitCode !== null });
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, pid: child.pid!, stop };
}
