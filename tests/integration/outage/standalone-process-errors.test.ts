/**
 * The standalone servers, spawned as `npm run start:api` / `start:realtime` run them: a promise
 * rejection nobody handled (postgres.js makes one when a connection drops while it fetches the
 * array types, decision 034) is logged and the server goes on answering; an uncaught exception
 * is logged and ends the process with exit 1, for its supervisor to restart. A preload module
 * makes each on SIGUSR2 / SIGUSR1, after the server is up.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { hermeticEnv } from "@/lib/env-keys";
import { CHILD_START_BOUND_MS, CHILD_TEST_TIMEOUT_MS } from "../../support/child-process";

const root = path.resolve(import.meta.dirname, "../../..");
const preload = `data:text/javascript,${encodeURIComponent(
  `process.on("SIGUSR2", () => { Promise.reject(new Error("stray rejection from the test")); });
   process.on("SIGUSR1", () => { setImmediate(() => { throw new Error("uncaught throw from the test"); }); });`,
)}`;

type Server = { child: ChildProcess; lines: string[]; origin: string };
const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

async function start(script: string, portVar: string): Promise<Server> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "--import", preload, script], {
    cwd: root,
    env: hermeticEnv({ DATABASE_URL: process.env.DATABASE_URL!, LOG_LEVEL: "info", NODE_ENV: "production", APP_URL: "http://127.0.0.1:3000", [portVar]: "0", [portVar.replace("PORT", "HOST")]: "127.0.0.1" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) readline.createInterface({ input: stream }).on("line", (line) => lines.push(line));
  await expect.poll(() => lines.some((l) => / listening on /.test(l)) || child.exitCode !== null, { timeout: CHILD_START_BOUND_MS }).toBe(true);
  const listening = lines.find((l) => / listening on /.test(l));
  if (!listening) throw new Error(`${script} did not start:\n${lines.join("\n")}`);
  return { child, lines, origin: `http://127.0.0.1:${listening.split(":").at(-1)}` };
}

const logged = (server: Server, msg: string) => server.lines.map((l) => (l.startsWith("{") ? (JSON.parse(l) as Record<string, unknown>) : null)).find((l) => l?.msg === msg);

describe.each([
  { script: "scripts/api-server.ts", portVar: "API_PORT", probe: "/api/v1/me", status: 401, name: "start:api" },
  { script: "scripts/realtime-server.ts", portVar: "REALTIME_PORT", probe: "/healthz", status: 200, name: "start:realtime" },
])("$name", ({ script, portVar, probe, status, name }) => {
  it("logs a rejection nobody handled and goes on serving", async () => {
    const server = await start(script, portVar);
    server.child.kill("SIGUSR2");
    await expect.poll(() => logged(server, "unhandled rejection; still serving")).toMatchObject({ level: "error", server: name, err: { message: "stray rejection from the test" } });
    expect((await fetch(`${server.origin}${probe}`)).status).toBe(status);
    expect(server.child.exitCode).toBeNull();
  }, CHILD_TEST_TIMEOUT_MS);

  it("logs an uncaught exception and exits 1", async () => {
    const server = await start(script, portVar);
    // "close", not "exit": the process can exit before this side has read all it wrote.
    const closed = new Promise<number | null>((resolve) => server.child.once("close", (code) => resolve(code)));
    server.child.kill("SIGUSR1");
    expect(await closed).toBe(1);
    await expect.poll(() => logged(server, "uncaught exception; exiting")).toMatchObject({ level: "fatal", server: name, err: { message: "uncaught throw from the test" } });
  }, CHILD_TEST_TIMEOUT_MS);
});
