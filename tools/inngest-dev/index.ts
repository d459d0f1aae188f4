/**
 * Dev tool: a local stand-in for the Inngest Dev Server (`inngest-cli` cannot be installed
 * here). It speaks the SDK's own protocol — event API, in-band sync, HTTP execution — keeps its
 * state in Postgres schema `inngest_dev`, and listens on loopback only because dev-mode SDKs
 * skip signature checks. Never deployed; see docs/decisions/005-local-inngest-dev-server.md.
 */
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { startEngine } from "./engine";
import { createHttpServer } from "./http-server";
import { createSchema } from "./schema";
import { syncApp, type SyncResult } from "./sync";
import type { Log } from "./types";

export type InngestDevServerOptions = {
  databaseUrl: string;
  /** Default 8288, the Inngest Dev Server's port; 0 picks a free one. */
  port?: number;
  /** The app's serve endpoint, e.g. http://localhost:3000/api/inngest. Synced at start when given. */
  appUrl?: string;
  log?: Log;
  /** How often Postgres is polled for events, timers and jobs. Default 100 ms. */
  pollMs?: number;
  /** First retry delay; doubles per attempt up to 60 s. Default 1000 ms. */
  retryBaseMs?: number;
  /** Most calls to the app at once, across all runs. Default 16. */
  maxInFlight?: number;
};

export type InngestDevServer = {
  /** Base URL for the SDK (`baseUrl` / INNGEST_BASE_URL / INNGEST_DEV). */
  url: string;
  port: number;
  /** Syncs `appUrl` (or the given serve URL) and returns the function ids and anything unsupported. */
  sync(appUrl?: string): Promise<SyncResult>;
  stop(): Promise<void>;
};

export async function startInngestDevServer(options: InngestDevServerOptions): Promise<InngestDevServer> {
  const log = options.log ?? (() => {});
  const sql = postgres(options.databaseUrl, { max: 10, onnotice: () => {} });
  await createSchema(sql);
  // One dev server per database: claims left by a process that died are released here.
  await sql`update inngest_dev.jobs set claimed_at = null where claimed_at is not null`;

  const engine = startEngine({
    sql,
    log,
    pollMs: options.pollMs ?? 100,
    retryBaseMs: options.retryBaseMs ?? 1000,
    maxInFlight: options.maxInFlight ?? 16,
  });
  const sync = async (appUrl = options.appUrl) => {
    if (!appUrl) throw new Error("No app URL to sync: pass appUrl to startInngestDevServer or to sync()");
    const result = await syncApp(sql, appUrl, log);
    engine.nudge();
    return result;
  };
  const server = createHttpServer({ sql, log, nudge: engine.nudge, sync });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8288, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  log(`Inngest dev server on ${url}`);

  let retry: NodeJS.Timeout | undefined;
  if (options.appUrl) {
    // `npm run dev` starts this before Next is listening: keep trying until the app answers.
    const attempt = () =>
      sync().catch((error: Error) => {
        log(`sync with ${options.appUrl} failed, retrying in 3 s: ${error.message}`);
        retry = setTimeout(attempt, 3000);
      });
    await attempt();
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    sync,
    stop() {
      stopping ??= (async () => {
        clearTimeout(retry);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await engine.stop();
        await sql.end({ timeout: 5 });
      })();
      return stopping;
    },
  };
}
