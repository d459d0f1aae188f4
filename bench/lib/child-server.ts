/**
 * A bench's server in a process of its own, listening on 127.0.0.1:`port`: spawned with
 * `process.execPath` and `args`, its output ignored (errors still reach the terminal), and
 * resolved once /healthz answers. `stop` ends it and waits; a server that fails to come up is
 * stopped before the error is thrown.
 */
import { spawn } from "node:child_process";
import { waitUntilHealthy } from "./healthz";

export type ChildServer = { origin: string; pid: number; stop: () => Promise<void> };

export async function startChildServer(opts: { args: string[]; port: number; env: NodeJS.ProcessEnv; what: string; cwd?: string; timeoutMs?: number }): Promise<ChildServer> {
  const child = spawn(process.execPath, opts.args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  const origin = `http://127.0.0.1:${opts.port}`;
  try {
    await waitUntilHealthy(origin, opts.what, { timeoutMs: opts.timeoutMs, exited: () => child.exitCode !== null });
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, pid: child.pid!, stop };
}
