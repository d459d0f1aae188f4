/**
 * The baseline for the Next route: a minimal Next app (this repo's `next`, one dynamic
 * route handler returning the JSON it is given, no proxy, no app code), built once per Next
 * version under .data/ and run with `next start`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../../tools/embedded-postgres";
import { waitUntilHealthy } from "./healthz";

const root = process.cwd();
const nextVersion = (JSON.parse(fs.readFileSync(path.join(root, "node_modules/next/package.json"), "utf8")) as { version: string }).version;
// Outside the repo: inside it, Next would find and bundle the repo's own src/instrumentation.ts and proxy.
const appDir = path.join(os.tmpdir(), `groundwork-bench-minimal-next-${nextVersion}`);
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

const ROUTE = `export const dynamic = "force-dynamic";
const bodies = JSON.parse(process.env.MINIMAL_BODIES || "{}");
export function GET(request) {
  const { pathname, search } = new URL(request.url);
  return Response.json(bodies[pathname + search] ?? {});
}
`;

function linkNodeModules(): void {
  const link = path.join(appDir, "node_modules");
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.join(root, "node_modules"), link);
}

function ensureBuilt(): void {
  if (fs.existsSync(path.join(appDir, ".next", "BUILD_ID"))) return linkNodeModules();
  fs.rmSync(appDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(appDir, "app", "api", "[...path]"), { recursive: true });
  fs.writeFileSync(path.join(appDir, "package.json"), JSON.stringify({ name: "bench-minimal-next", private: true, type: "module" }));
  // `next` and `react` resolve from the repo's node_modules, linked in (the bundler's root must hold both).
  linkNodeModules();
  fs.writeFileSync(path.join(appDir, "next.config.mjs"), `export default { turbopack: { root: "/" }, outputFileTracingRoot: "/" };\n`);
  fs.writeFileSync(path.join(appDir, "app", "layout.js"), `export default function Layout({ children }) { return children; }\n`);
  fs.writeFileSync(path.join(appDir, "app", "api", "[...path]", "route.js"), ROUTE);
  console.log(`Building the minimal Next ${nextVersion} app (once) in ${appDir}…`);
  const result = spawnSync(process.execPath, [nextBin, "build"], { cwd: appDir, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`minimal Next app: next build failed (exit ${result.status ?? result.signal})`);
}

/** Starts it serving `bodies` (path + query → JSON), resolves once it answers. */
export async function startMinimalNext(bodies: Record<string, string>): Promise<{ origin: string; version: string; stop: () => Promise<void> }> {
  ensureBuilt();
  const port = await findFreePort();
  const parsed = Object.fromEntries(Object.entries(bodies).map(([k, v]) => [k, JSON.parse(v) as unknown]));
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", MINIMAL_BODIES: JSON.stringify(parsed) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const probe = Object.keys(bodies)[0] ?? "/api/x";
  await waitUntilHealthy(origin, "the minimal Next app", { path: probe, timeoutMs: 120_000, exited: () => child.exitCode !== null });
  return { origin, version: nextVersion, stop: async () => { if (child.exitCode === null) { child.kill("SIGTERM"); await exited; } } };
}
