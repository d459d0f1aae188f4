/**
 * A second app process for cross-process tests: spawned with tsx on the test's database, it
 * reads commands from stdin and answers JSON lines (`{ ready: true }` once, then `{ tag, … }`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { hermeticEnv } from "@/lib/env-keys";

type Line = Record<string, unknown> & { tag?: string; ready?: boolean };

/**
 * How long a second Node process with the app's modules may take to start: seconds on a quiet
 * machine, over a minute at load 30 (CI under stress-ng beside other work). Only a broken start
 * waits this long; a test that starts a child uses `CHILD_TEST_TIMEOUT_MS` as its own bound.
 */
export const CHILD_START_BOUND_MS = 150_000;
export const CHILD_TEST_TIMEOUT_MS = CHILD_START_BOUND_MS + 30_000;

export async function startChildProcess(script: string) {
  const lines: Line[] = [];
  let counter = 0;
  const child: ChildProcess = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: hermeticEnv({ DATABASE_URL: process.env.DATABASE_URL!, LOG_LEVEL: "silent", NODE_ENV: "test" }),
    stdio: ["pipe", "pipe", "inherit"],
  });
  readline.createInterface({ input: child.stdout! }).on("line", (line) => {
    try {
      lines.push(JSON.parse(line) as Line);
    } catch {
      // not ours
    }
  });
  const started = Date.now();
  while (!lines.some((l) => l.ready)) {
    if (Date.now() - started > CHILD_START_BOUND_MS) throw new Error("child never became ready");
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    /** Sends `command … <tag>` and resolves with the child's answer for that tag. */
    async ask(command: string): Promise<Line> {
      const tag = String(++counter);
      child.stdin!.write(`${command} ${tag}\n`);
      const asked = Date.now();
      for (;;) {
        const found = lines.find((l) => l.tag === tag);
        if (found) return found;
        if (Date.now() - asked > 5_000) throw new Error(`child did not answer; got ${JSON.stringify(lines.slice(-5))}`);
        await new Promise((r) => setTimeout(r, 2));
      }
    },
    async stop() {
      child.stdin?.end();
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
    },
  };
}
