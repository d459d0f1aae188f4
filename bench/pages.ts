/**
 * Page weight and throughput, per page, beside a floor: for every page of the app (signed out,
 * and signed in as a staff admin with a team workspace, a board and a post), the gzipped
 * same-origin JavaScript its HTML makes the browser load, and requests per second under
 * autocannon. The floor is a minimal Next app (one page, same Next and React) that this script
 * builds itself in the temp directory; a third target can be given by URL (e.g. a built
 * nextjs/saas-starter, see decision 041), measured in the same run.
 *
 *   npm run bench:pages -- [--duration 5] [--connections 16] [--only /,/sign-in,/w/[workspace]] [--files]
 *                          [--other-url http://127.0.0.1:3005 --other-pages /,/sign-in,/dashboard
 *                           --other-cookie 'session=…' --other-name saas-starter]
 *
 * Prints figures and the goals (decision 041) beside them; it never fails on a figure. `--files`
 * also lists every JS file the measured pages load, largest first, with the number of pages
 * loading it: where the weight is, for finding what to cut.
 * JS is counted as the bundle-size bench does (script src and script preloads in the HTML,
 * under /_next/static/, gzipped per file with node:zlib at the default level, 1 kB = 1000 B),
 * but downloaded over HTTP, so the floor and another app are measured the same way.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { FLAGS } from "../src/lib/flags/registry";
import { generateToken, hashToken } from "../src/server/auth/tokens";
import * as schema from "../src/server/db/schema";
import { createFeedbackBoard, createFeedbackPost } from "../src/server/db/factories";
import { findFreePort } from "../tools/embedded-postgres";
import { arrangeBenchAdmin } from "./lib/bench-admin";
import { ensureBuild, gitCommit, nextDir, startProdServer } from "./lib/server";
import { scriptsInHtml } from "./lib/page-js";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "16" },
    only: { type: "string" },
    "other-url": { type: "string" },
    "other-pages": { type: "string", default: "/,/sign-in,/dashboard" },
    "other-cookie": { type: "string" },
    "other-name": { type: "string", default: "other" },
    files: { type: "boolean", default: false },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const KB = 1000;
/** Decision 041's goals. */
const GOAL = { signIn: 140, signedIn: 178 };

type Figures = { status: number; files: number; gzip: number; rps: number | null };
/** Our pages' files (`--files`): file → gzipped size and the pages that load it. */
const fileUse = new Map<string, { gzip: number; pages: string[] }>();

const gzCache = new Map<string, number>();
async function pageJs(origin: string, pagePath: string, cookie?: string): Promise<{ status: number; files: number; gzip: number }> {
  const res = await fetch(`${origin}${pagePath}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
  const html = await res.text();
  if (res.status !== 200) return { status: res.status, files: 0, gzip: 0 };
  let gzip = 0;
  const files = scriptsInHtml(html);
  for (const file of files) {
    const url = `${origin}/_next/${file}`;
    let size = gzCache.get(url);
    if (size === undefined) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      size = gzipSync(body).length;
      gzCache.set(url, size);
    }
    gzip += size;
    if (args.files && origin === ownOrigin) {
      const use = fileUse.get(file) ?? { gzip: size, pages: [] };
      use.pages.push(`${pagePath}${cookie ? " (signed in)" : ""}`);
      fileUse.set(file, use);
    }
  }
  return { status: res.status, files: files.length, gzip };
}

async function throughput(origin: string, pagePath: string, cookie?: string): Promise<number> {
  const result = await autocannon({ url: `${origin}${pagePath}`, connections: CONNECTIONS, duration: DURATION, headers: { "accept-encoding": "gzip", ...(cookie ? { cookie } : {}) } });
  return result.non2xx > 0 && result.requests.total === result.non2xx ? 0 : result.requests.average;
}

async function measure(origin: string, pagePath: string, cookie?: string): Promise<Figures> {
  const js = await pageJs(origin, pagePath, cookie);
  return { ...js, rps: js.status === 200 && DURATION > 0 ? await throughput(origin, pagePath, cookie) : null };
}

/** Every App Router page of the build as a URL pattern, and whether it is a signed-in page. */
function appPages(): Array<{ pattern: string; signedIn: boolean }> {
  const manifest = JSON.parse(fs.readFileSync(path.join(nextDir, "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  return Object.keys(manifest)
    .filter((key) => key.endsWith("/page"))
    .map((key) => key.split("/").slice(1, -1))
    .filter((segments) => !segments.some((s) => s.startsWith("_")))
    .map((segments) => ({ pattern: "/" + segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@")).join("/"), signedIn: segments.includes("(signed-in)") }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/**
 * The floor: a one-page Next app with this repository's Next and React, built once into the
 * temp directory (outside the checkout, so Next doesn't take the checkout for its project).
 */
async function startFloor(): Promise<{ origin: string; stop: () => void }> {
  const nextVersion = (JSON.parse(fs.readFileSync("node_modules/next/package.json", "utf8")) as { version: string }).version;
  const dir = path.join(os.tmpdir(), `groundwork-bench-floor-${nextVersion}`);
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  if (!fs.existsSync(path.join(dir, ".next", "BUILD_ID"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "app"), { recursive: true });
    fs.symlinkSync(path.join(process.cwd(), "node_modules"), path.join(dir, "node_modules"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "bench-floor", private: true, type: "module" }));
    // node_modules is a link into the checkout: Turbopack must be allowed to read there.
    fs.writeFileSync(path.join(dir, "next.config.mjs"), `export default { turbopack: { root: "/" } };\n`);
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", lib: ["dom", "esnext"], jsx: "preserve", module: "esnext", moduleResolution: "bundler", strict: true, skipLibCheck: true, noEmit: true, isolatedModules: true, esModuleInterop: true, resolveJsonModule: true, allowJs: true, incremental: true, plugins: [{ name: "next" }] }, include: ["**/*.ts", "**/*.tsx"] }));
    fs.writeFileSync(path.join(dir, "app", "layout.tsx"), `export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n`);
    // Dynamic like the app's pages (they read the request for the CSP nonce), so throughput compares renders.
    fs.writeFileSync(path.join(dir, "app", "page.tsx"), `import { headers } from "next/headers";\nexport default async function Page() {\n  const ua = (await headers()).get("user-agent");\n  return <main><h1>Floor</h1><p>{ua ? "hello" : "hi"}</p></main>;\n}\n`);
    console.log(`Building the floor app in ${dir} …`);
    const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: dir, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (build.status !== 0) throw new Error("floor build failed");
  }
  const port = await findFreePort();
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: dir, stdio: "ignore", env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" } });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(origin)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error("floor server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
  return { origin, stop: () => child.kill("SIGTERM") };
}

ensureBuild();
const server = await startProdServer();
const ownOrigin = server.origin;
const floor = await startFloor();
const rows: Array<{ target: string; page: string; signedIn: boolean; f: Figures }> = [];
try {
  // Arrange: a staff admin (so staff pages render) with a team workspace, a public board, a post.
  const {
    team,
    cookie,
    more: { board, post, inviteToken },
  } = await arrangeBenchAdmin(server.databaseUrl, async (db, { user, team, random }) => {
    const board = await createFeedbackBoard(db, random, { workspaceId: team.id, name: "Ideas", visibility: "public" });
    const post = await createFeedbackPost(db, random, { board, authorId: user.id });
    const inviteToken = generateToken();
    await db.insert(schema.invites).values({ workspaceId: team.id, email: "bench-invitee@example.test", role: "member", tokenHash: hashToken(inviteToken), invitedBy: user.id, expiresAt: new Date(Date.now() + 86_400_000) });
    return { board, post, inviteToken };
  });
  const samples: Record<string, string> = { "[workspace]": team.slug, "[board]": board.slug, "[post]": post.id, "[key]": Object.keys(FLAGS)[0]!, "[token]": inviteToken };
  const only = args.only?.split(",").filter(Boolean);

  // The floor is measured before and after our pages: on a shared machine the load moves.
  rows.push({ target: "floor", page: "/", signedIn: false, f: await measure(floor.origin, "/") });
  for (const { pattern, signedIn } of appPages()) {
    if (pattern.startsWith("/dev/")) continue;
    const page = pattern.replace(/\[[^\]]+\]/g, (s) => samples[s] ?? s);
    if (page.includes("[")) continue;
    // An entry is a page, its route pattern (`/w/[workspace]`) or a prefix; `/` alone means the home page only.
    if (only && !only.some((o) => o === page || o === pattern || (o !== "/" && page.startsWith(o)))) continue;
    const visits = signedIn ? [true] : page.startsWith("/b/") || page === "/status" || page === "/pricing" ? [false, true] : [false];
    for (const asUser of visits) rows.push({ target: "groundwork", page, signedIn: asUser, f: await measure(server.origin, page, asUser ? cookie : undefined) });
  }
  rows.push({ target: "floor", page: "/", signedIn: false, f: await measure(floor.origin, "/") });
  if (args["other-url"]) {
    for (const page of args["other-pages"]!.split(",")) {
      const signed = page.startsWith("/dashboard") && Boolean(args["other-cookie"]);
      rows.push({ target: args["other-name"]!, page, signedIn: signed, f: await measure(args["other-url"], page, signed ? args["other-cookie"] : undefined) });
    }
  }
} finally {
  floor.stop();
  await server.stop();
}

console.log(`\nPages — gzipped same-origin JS the HTML loads, and throughput (autocannon, ${CONNECTIONS} connections, ${DURATION} s per page)`);
console.log(`commit ${gitCommit()} · node ${process.version} · ${os.availableParallelism()} CPU(s) · load ${os.loadavg()[0]!.toFixed(1)} (1 min avg)\n`);
const header = ["target", "page", "who", "HTTP", "files", "JS gz kB", "req/s", "goal"];
const table = rows.map(({ target, page, signedIn, f }) => {
  const goal =
    target !== "groundwork" || f.status !== 200
      ? ""
      : page === "/sign-in"
        ? f.gzip <= GOAL.signIn * KB ? `ok ≤ ${GOAL.signIn}` : `OVER ${GOAL.signIn}`
        : signedIn
          ? f.gzip <= GOAL.signedIn * KB ? `ok ≤ ${GOAL.signedIn}` : `OVER ${GOAL.signedIn}`
          : "";
  return [target, page, signedIn ? "signed in" : "signed out", String(f.status), String(f.files), (f.gzip / KB).toFixed(1), f.rps === null ? "—" : f.rps.toFixed(0), goal];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
console.log(line(header));
for (const r of table) console.log(line(r));
const floorRows = rows.filter((r) => r.target === "floor");
if (floorRows.length) {
  const rps = floorRows.map((r) => r.f.rps).filter((x): x is number => x !== null);
  const mean = rps.length ? rps.reduce((a, b) => a + b, 0) / rps.length : null;
  console.log(`\nfloor (one-page Next ${JSON.parse(fs.readFileSync("node_modules/next/package.json", "utf8")).version} app): ${(floorRows[0]!.f.gzip / KB).toFixed(1)} kB JS, ${rps.map((x) => x.toFixed(0)).join(" then ") || "—"} req/s (before and after our pages)`);
  if (mean) {
    console.log("req/s as a share of the floor's mean:");
    for (const r of rows) if (r.target !== "floor" && r.f.rps) console.log(`  ${r.target} ${r.page}${r.signedIn ? " (signed in)" : ""}: ${(r.f.rps / mean).toFixed(2)}`);
  }
}
if (args.files) {
  const measured = rows.filter((r) => r.target === "groundwork" && r.f.status === 200).length;
  console.log(`\nFiles our ${measured} pages load, largest first (gz kB, pages loading it; "all" = every measured page):`);
  for (const [file, use] of [...fileUse].sort((a, b) => b[1].gzip - a[1].gzip)) {
    const pages = use.pages.length === measured ? "all" : use.pages.length <= 3 ? use.pages.join(", ") : `${use.pages.length} pages`;
    console.log(`${(use.gzip / KB).toFixed(1).padStart(7)}  ${file}  ${pages}`);
  }
}
const over = table.filter((r) => r[7]!.startsWith("OVER"));
console.log(over.length ? `Over goal: ${over.map((r) => `${r[1]} (${r[2]}) ${r[5]} kB`).join(", ")}` : "Every measured page within its goal.");
