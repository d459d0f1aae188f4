/**
 * `npm run start:api` (scripts/api-server.ts) in a process of its own for the API benches, on a
 * free port against the bench's database and pepper, logging at `logLevel` (info by default, as
 * in production) to /dev/null: the access log's cost is in the figures, not in the report.
 * Resolves once /healthz answers.
 */
import { hermeticEnv } from "../../src/lib/env-keys";
import { findFreePort } from "../../tools/embedded-postgres";
import { BENCH_API_PEPPER } from "./api-fixture";
import { startChildServer, type ChildServer } from "./child-server";

export type ApiProcess = ChildServer;

export async function startApiProcess(opts: { databaseUrl: string; prepare?: boolean; cwd?: string; logLevel?: string; nodeArgs?: string[]; what?: string }): Promise<ApiProcess> {
  const port = await findFreePort();
  return startChildServer({
    args: [...(opts.nodeArgs ?? []), "--conditions=react-server", "--import", "tsx", "scripts/api-server.ts"],
    port,
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
    what: opts.what ?? "npm run start:api",
    timeoutMs: 30_000,
  });
}
