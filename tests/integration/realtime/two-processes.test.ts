/**
 * Two app processes on one Postgres: an event published in either reaches the other's hub
 * (LISTEN/NOTIFY is the only link between them).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hermeticEnv } from "@/lib/env-keys";
import { createHub } from "@/server/realtime/hub";
import { publish, type StoredRealtimeEvent } from "@/server/realtime/publish";
import { CHILD_START_BOUND_MS, CHILD_TEST_TIMEOUT_MS } from "../../support/child-process";

const channel = `workspace:${crypto.randomUUID()}`;
const hub = createHub({ databaseUrl: process.env.DATABASE_URL! });
let child: ChildProcess;
const lines: Record<string, unknown>[] = [];

function waitForLine(match: (line: Record<string, unknown>) => boolean, timeoutMs: number) {
  const started = Date.now();
  return new Promise<Record<string, unknown>>((resolve, reject) => {
    const tick = () => {
      const found = lines.find(match);
      if (found) return resolve(found);
      if (Date.now() - started > timeoutMs) return reject(new Error(`child did not print the expected line within ${timeoutMs} ms; got ${JSON.stringify(lines)}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

beforeAll(async () => {
  await hub.ready();
  child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "hub-child.ts"), channel], {
    cwd: path.resolve(import.meta.dirname, "../../.."),
    env: hermeticEnv({ DATABASE_URL: process.env.DATABASE_URL!, LOG_LEVEL: "silent", NODE_ENV: "test" }),
    stdio: ["pipe", "pipe", "inherit"],
  });
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not ours
    }
  });
  await waitForLine((l) => l.ready === true, CHILD_START_BOUND_MS);
}, CHILD_TEST_TIMEOUT_MS);

afterAll(async () => {
  child?.stdin?.end();
  await new Promise((resolve) => (child?.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
  await hub.stop();
});

it("an event published here reaches the other process within a second", async () => {
  const started = Date.now();
  const event = await publish(channel, { type: "cross.process", data: { from: "test" } });
  const line = await waitForLine((l) => (l.received as StoredRealtimeEvent | undefined)?.id === event.id, 1_000);
  expect(line.received).toMatchObject({ channel, type: "cross.process", data: { from: "test" } });
  expect(Date.now() - started).toBeLessThan(1_000);
});

it("an event published in the other process reaches this process's hub within a second", async () => {
  const received: StoredRealtimeEvent[] = [];
  hub.subscribe({ channels: [channel], send: (e) => void received.push(e) });
  const started = Date.now();
  child.stdin!.write(`publish ${channel} from.child\n`);
  const published = await waitForLine((l) => typeof l.published === "string", 5_000);
  while (!received.some((e) => e.id === published.published) && Date.now() - started < 1_000) await new Promise((r) => setTimeout(r, 10));
  expect(received.find((e) => e.id === published.published)).toMatchObject({ channel, type: "from.child", data: { from: "child" } });
  expect(Date.now() - started).toBeLessThan(1_000);
});
