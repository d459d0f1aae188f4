/**
 * Shared by the bench scripts: make sure a production build exists, and run the hermetic
 * production server (ephemeral Postgres + `next start`) for the length of a benchmark.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { hermeticEnv } from "../../src/lib/env-keys";
import { waitUntilHealthy } from "./healthz";
import { findFreePort } from "../../tools/embedded-postgres";

const root = process.cwd();
export const nextDir = path.join(root, ".next");

/** Runs `next build` only when there is no finished build (BUILD_ID is written last). */
export function ensureBuild(): void {
  if (fs.existsSync(path.join(nextDir, "BUILD_ID"))) return;
  console.log("No production build (.next/BUILD_ID missing): running `npx next build`…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

export function gitCommit(): string {
  const result = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain"], { encoding: "utf8" }).stdout.trim() !== "";
  // A dirty tree means the figures are for uncommitted code; say so next to the hash.
  return result.status === 0 ? `${result.stdout.trim()}${dirty ? " (uncommitted changes)" : ""}` : "unknown";
}

export type ProdServer = {
  origin: string;
  /** The throwaway database the server uses (benches arrange data in it directly). */
  databaseUrl: string;
  /** The `next start` process (for RSS readings); null if it can't be found. */
  nextPid: () => number | null;
  stop: () => Promise<void>;
};

const HEALTH_TIMEOUT_MS = 120_000;

/**
 * Starts scripts/serve.ts --prod --ephemeral --hermetic and resolves once /api/health is 200.
 * Runs it as `node --import tsx` rather than `npx tsx` so the child is the serve.ts process
 * itself: SIGTERM reaches its shutdown handler directly instead of passing through npx and the
 * tsx launcher, and waiting for our child's exit means Postgres and Next have really stopped.
 */
export async function startProdServer(env: Record<string, string> = {}, opts: { dir?: string } = {}): Promise<ProdServer> {
  // `dir`: another checkout with its own build (e.g. main's, for a before/after in one run).
  const dir = opts.dir ?? root;
  const port = await findFreePort();
  const origin = `http://127.0.0.1:${port}`;
  fs.mkdirSync(path.join(root, ".data"), { recursive: true });
  const dbUrlFile = path.join(root, ".data", `bench-${process.pid}-${port}.dburl`);
  // The server's output goes to a file, kept out of the report; its tail is shown if startup
  // fails. A file, not a pipe to this process: this process runs the load generator, and
  // reading an access-log line per request here (and relaying it in serve.ts, which a pipe
  // made it do) took CPU from the very run being measured (decision 040).
  const outputFile = path.join(root, ".data", `bench-${process.pid}-${port}.log`);
  const output = fs.openSync(outputFile, "w");
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/serve.ts", "--prod", "--ephemeral", "--hermetic", "--port", String(port), "--db-url-file", dbUrlFile],
    { cwd: dir, env: hermeticEnv({ LOG_LEVEL: "warn", ...env }), stdio: ["ignore", output, output] },
  );
  fs.closeSync(output);
  const tail = () => fs.readFileSync(outputFile, "utf8").split("\n").filter(Boolean).slice(-40).join("\n");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  // Ctrl-C during a run must not leave Postgres and `next start` behind.
  const onSignal = () => void stop().then(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    await waitUntilHealthy(origin, "the production server", { path: "/api/health", timeoutMs: HEALTH_TIMEOUT_MS, exited: () => child.exitCode !== null || child.signalCode !== null });
  } catch (error) {
    await stop();
    console.error(`Server output (last lines):\n${tail()}`);
    fs.rmSync(outputFile, { force: true });
    throw error;
  }
  const databaseUrl = fs.readFileSync(dbUrlFile, "utf8").trim();
  fs.rmSync(dbUrlFile, { force: true });
  return {
    origin,
    databaseUrl,
    nextPid: () => listeningPid(port),
    stop: async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await stop();
      fs.rmSync(outputFile, { force: true });
    },
  };
}


/** The pid listening on `port` (Linux, via `ss -p`). */
function listeningPid(port: number): number | null {
  const result = spawnSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const match = /pid=(\d+)/.exec(result.stdout ?? "");
  return match ? Number(match[1]) : null;
}
