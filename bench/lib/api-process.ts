/**
 * `npm run start:api` (scripts/api-server.ts) in a process of its own for the API benches, on a
 * free port against the bench's database and pepper, logging at `logLevel` (info by default, as
 * in production) to /dev/null: the access log's cost is in the figures, not in the report.
 * Resolves once /healthz answers.
 */
import { spawn } from "node:child_process";
import { hermeticEnv } from "../../src/lib/env-keys";
import { findFreePort } from "../../tools/embedded-postgres";
import { BENCH_API_PEPPER } from "./api-fixture";
import { waitUntilHealthy } from "./healthz";

export type ApiProcess = { origin: string; pid: number; stop: () => Promise<void> };

export async function startApiProcess(opts: { databaseUrl: string; prepare?: boolean; cwd?: string; logLevel?: string; nodeArgs?: string[]; what?: string }): Promise<ApiProcess> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--conditions=react-server", "--import", "tsx", "scripts/api-server.ts"], {
    cwd: opts.cwd,
    env: hermeticEnv({
      DATABASE_URL: opts.databaseUrl,
      DATABASE_PREPARE: opts.prepare ? "1" : "",
      DATABASE_POOL_MAX: "20",
      API_KEY_PEPPER: BENCH_API_PEPPER,
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      LOG_LEVEL: opts.logLevel ?? "info",
      NODE_ENV: "production",
      APP_SECRET: "bench-secret-bench-secret-bench-secret-0000",
    }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(origin, opts.what ?? "npm run start:api", { timeoutMs: 30_000, exited: () => child.exitCode !== null });
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, pid: child.pid!, stop };
}
