/**
 * Dev tool: Debian's PgBouncer (`apt-get install pgbouncer`) in front of a Postgres server, in
 * transaction mode like every managed pooler, for the pooler integration test and
 * `npm run chaos`. Never used in production (there the platform runs the pooler).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "./embedded-postgres";

export const PGBOUNCER_BIN = process.env.PGBOUNCER_BIN ?? "/usr/sbin/pgbouncer";

export type PgBouncer = {
  port: number;
  /** PgBouncer's log (deleted with the rest on stop; copy it first to keep it). */
  logFile: string;
  /** `serverUrl` with host and port swapped for the pooler's. */
  url(serverUrl: string): string;
  stop(): Promise<void>;
};

/** Why the pooler can't run here, or null when it can. */
export function pgbouncerUnavailable(): string | null {
  if (!fs.existsSync(PGBOUNCER_BIN)) return `${PGBOUNCER_BIN} is not installed (apt-get install pgbouncer)`;
  return null;
}

function waitForPort(port: number, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`PgBouncer did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/** PgBouncer refuses to run as root; as root it runs as the `postgres` user (created by the Postgres launcher). */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (id("-u").status !== 0) throw new Error("PgBouncer cannot run as root and there is no 'postgres' user to run it as");
  return { uid: Number(id("-u").stdout.trim()), gid: Number(id("-g").stdout.trim()) };
}

/** `settings`: more `[pgbouncer]` lines (chaos sets server_login_retry and query_wait_timeout). */
export async function startPgBouncer(opts: { serverPort: number; poolSize?: number; poolMode?: "transaction" | "session"; settings?: Record<string, string | number> }): Promise<PgBouncer> {
  const unavailable = pgbouncerUnavailable();
  if (unavailable) throw new Error(unavailable);
  const port = await findFreePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "groundwork-pgbouncer-"));
  const user = runAs();
  fs.writeFileSync(path.join(dir, "users.txt"), `"postgres" ""\n`);
  fs.writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=127.0.0.1 port=${opts.serverPort}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "users.txt")}`,
      `pool_mode = ${opts.poolMode ?? "transaction"}`,
      `default_pool_size = ${opts.poolSize ?? 4}`,
      "max_client_conn = 500",
      "server_reset_query =",
      "ignore_startup_parameters = extra_float_digits,options",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
      ...Object.entries(opts.settings ?? {}).map(([k, v]) => `${k} = ${v}`),
      "",
    ].join("\n"),
  );
  if (user) {
    for (const f of ["", "users.txt", "pgbouncer.ini"]) fs.chownSync(path.join(dir, f), user.uid, user.gid);
  }
  const child = spawn(PGBOUNCER_BIN, [path.join(dir, "pgbouncer.ini")], { ...(user ?? {}), stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`PgBouncer exited with code ${code}: ${stderr}${readLog(dir)}`))),
  );
  await Promise.race([waitForPort(port, Date.now() + 15_000), exited]);
  exited.catch(() => {});

  return {
    port,
    logFile: path.join(dir, "pgbouncer.log"),
    url(serverUrl) {
      const u = new URL(serverUrl);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    async stop() {
      if (child.exitCode === null) {
        const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGINT");
        await gone;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, "pgbouncer.log"), "utf8").slice(-2000);
  } catch {
    return "";
  }
}
