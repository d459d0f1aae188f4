import "server-only";
import { spawn } from "node:child_process";
import fs from "node:fs";

/**
 * Commands of the local driver run detached, in their own process group, writing to a log file
 * and, when done, their exit code to a file: they outlive the HTTP call that started them, so
 * the next call of the same step attaches to the same process instead of starting it again.
 */
export type CommandEnv = Record<string, string | undefined>;
export type Command = { cwd: string; script: string; env: CommandEnv; logFile: string; exitFile?: string };

export function startDetached({ cwd, script, env, logFile, exitFile }: Command): number {
  const log = fs.openSync(logFile, "a");
  // Paths travel as variables, never spliced into the script.
  const wrapped = exitFile ? `${script}; echo $? > "$GW_EXIT_FILE"` : `exec ${script}`;
  const child = spawn("sh", ["-c", wrapped], { cwd, env: { ...env, GW_EXIT_FILE: exitFile ?? "" } as unknown as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  child.unref();
  return child.pid!;
}

export function isAlive(pid: number | null | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Stops the process group (the command and its children), then waits for it to go. */
export async function stopGroup(pid: number | null | undefined, graceMs = 5_000): Promise<void> {
  if (!pid || !isAlive(pid)) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  signal("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) signal("SIGKILL");
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
}

/** The last `bytes` of a file, cut at a line start. */
export function tailOf(file: string, bytes = 6_000): string {
  try {
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, "r");
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    fs.readSync(fd, buffer, 0, buffer.length, start);
    fs.closeSync(fd);
    const text = buffer.toString("utf8");
    return start > 0 ? text.slice(text.indexOf("\n") + 1) : text;
  } catch {
    return "";
  }
}

/** Bytes of `file` from `offset` (up to `max`), and the new offset. */
export function readFrom(file: string, offset: number, max = 4_000): { text: string; offset: number } {
  try {
    const size = fs.statSync(file).size;
    if (size <= offset) return { text: "", offset };
    const length = Math.min(max, size - offset);
    const fd = fs.openSync(file, "r");
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, offset);
    fs.closeSync(fd);
    return { text: buffer.toString("utf8"), offset: offset + length };
  } catch {
    return { text: "", offset };
  }
}
