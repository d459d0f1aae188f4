/**
 * Contract-test harness: the real SDK client and `inngest/node` serve handler on a loopback
 * port, and the local dev server on another, against this test file's own database.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import { findFreePort } from "../../../tools/embedded-postgres";
import { startInngestDevServer, type InngestDevServer } from "../../../tools/inngest-dev";

export type Run = {
  id: string;
  functionId: string;
  status: string;
  event: { id: string; name: string; data: Record<string, unknown> };
  attempts: number;
  output: unknown;
  error: { name: string; message: string } | null;
  replayOf: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  steps?: Array<{ id: string; name: string; op: string; status: string; attempts: number; result: unknown; error: unknown }>;
};

export type Harness = {
  inngest: Inngest;
  dev: InngestDevServer;
  /** Serve the given functions and sync them with the dev server. */
  serveFunctions(functions: InngestFunction.Any[]): Promise<void>;
  restartDevServer(): Promise<void>;
  runs(functionId: string): Promise<Run[]>;
  run(id: string): Promise<Run>;
  waitForRuns(functionId: string, done: (runs: Run[]) => boolean, timeoutMs?: number): Promise<Run[]>;
  api(path: string, init?: RequestInit): Promise<unknown>;
  close(): Promise<void>;
};

export async function startHarness(appId: string): Promise<Harness> {
  const devPort = await findFreePort();
  const verbose = Boolean(process.env.INNGEST_DEV_LOG);
  // The functions under test throw on purpose; the SDK would print every one of those errors.
  const quiet = { info() {}, warn() {}, error() {}, debug() {} };
  const inngest = new Inngest({ id: appId, isDev: true, baseUrl: `http://127.0.0.1:${devPort}`, ...(verbose ? {} : { logger: quiet, internalLogger: quiet }) });
  let handler: http.RequestListener = (_req, res) => res.writeHead(404).end();
  const app = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/api/inngest`;
  const startDev = () =>
    startInngestDevServer({
      databaseUrl: process.env.DATABASE_URL!,
      port: devPort,
      appUrl,
      pollMs: 50,
      retryBaseMs: 50,
      log: verbose ? (line) => console.log(`[inngest-dev] ${line}`) : undefined,
    });

  const harness: Harness = {
    inngest,
    dev: await startDev(),
    async serveFunctions(functions) {
      handler = serve({ client: inngest, functions }) as http.RequestListener;
      await harness.dev.sync();
    },
    async restartDevServer() {
      await harness.dev.stop();
      harness.dev = await startDev();
    },
    api: async (path, init) => {
      const response = await fetch(`${harness.dev.url}${path}`, init);
      return response.json();
    },
    runs: async (functionId) => ((await harness.api(`/v0/runs?function_id=${appId}-${functionId}&limit=100`)) as { runs: Run[] }).runs,
    run: async (id) => (await harness.api(`/v0/runs/${id}`)) as Run,
    async waitForRuns(functionId, done, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const runs = await harness.runs(functionId);
        if (done(runs)) return runs;
        if (Date.now() > deadline) throw new Error(`timed out waiting for runs of ${functionId}: ${JSON.stringify(runs, null, 2)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await harness.dev.stop();
      await new Promise<void>((resolve) => {
        app.close(() => resolve());
        app.closeAllConnections();
      });
    },
  };
  return harness;
}

export const finished = (status = "completed", count = 1) => (runs: Run[]) => runs.filter((r) => r.status === status).length >= count;
export const settled = (count = 1) => (runs: Run[]) => runs.filter((r) => ["completed", "failed", "cancelled"].includes(r.status)).length >= count;
