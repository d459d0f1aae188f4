/**
 * First-load JS of every app page in the production build, raw and gzipped, with a budget
 * for public pages. A report: it always exits 0 once it has figures, and says OVER BUDGET
 * in its last line when a public page is over.
 *
 *   npx tsx bench/bundle-size.ts
 *
 * Where the file lists come from: the HTML each page actually serves. The script starts the
 * production server, fetches every page and sums the same-origin JS files its <script src>
 * and script preload tags name. That is what a browser downloads before the page is
 * interactive, including chunks Next adds on its own (error boundaries, the Turbopack
 * runtime). The build manifests are the alternative, but they are internal formats that
 * changed under Turbopack (no app-build-manifest.json), and Next 16 dropped its own "First
 * Load JS" column because manifest-based accounting disagreed with what pages load. So the
 * manifests are used only for a page the server can't show us as-is: a dynamic segment
 * (no params to fill in) or a non-200 answer such as a sign-in redirect. There the list is
 * the build's root main files plus every entry chunk in the page's client reference
 * manifest, and the `source` column says "manifest". Read it as an upper bound: that list
 * also names boundaries a page loads only when it needs them (e.g. the root not-found chunk,
 * which the served HTML of a 200 page doesn't include).
 */
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";
import { ensureBuild, gitCommit, nextDir, startProdServer } from "./lib/server";
import { scriptsInHtml } from "./lib/page-js";

const BUDGET_GZIP_KB = 120;
const KB = 1000; // kB as browsers' devtools and Next's old build output count them.
const isPublic = (route: string) => route === "/" || route.startsWith("/sign-in") || route.startsWith("/sign-up");

type Row = { route: string; source: "html" | "manifest"; note: string; files: string[] };

/** App Router pages in the build, as manifest key ("/(app)/app/page") → URL ("/app"). */
function appPages(): Map<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(nextDir, "server", "app-paths-manifest.json"), "utf8")) as
    Record<string, string>;
  const pages = new Map<string, string>();
  for (const key of Object.keys(manifest).sort()) {
    if (!key.endsWith("/page")) continue; // route handlers and metadata routes ship no page JS
    const segments = key.split("/").slice(1, -1);
    // Segments starting with "_" are Next's own (/_not-found, /_global-error): private
    // folders never become routes, so a user page can't have one.
    if (segments.some((s) => s.startsWith("_"))) continue;
    // Route groups and parallel-route slots don't appear in the URL.
    const url = "/" + segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@")).join("/");
    pages.set(key, url);
  }
  return pages;
}

/** The manifest view of a page: root main files + all client entry chunks of its segments. */
function scriptsInManifests(key: string): string[] {
  const build = JSON.parse(fs.readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  // The client reference manifest is a script that assigns to globalThis.__RSC_MANIFEST.
  const sandbox = { globalThis: {} as Record<string, unknown> };
  vm.runInNewContext(fs.readFileSync(path.join(nextDir, "server", "app", `${key}_client-reference-manifest.js`), "utf8"), sandbox);
  const rsc = (sandbox.globalThis.__RSC_MANIFEST as Record<string, { entryJSFiles?: Record<string, string[]> }>)[key];
  const entries = Object.values(rsc?.entryJSFiles ?? {}).flat();
  return [...new Set([...build.rootMainFiles, ...entries])].filter((f) => f.endsWith(".js"));
}

const sizes = new Map<string, { raw: number; gzip: number }>();
function sizeOf(file: string) {
  let size = sizes.get(file);
  if (!size) {
    const bytes = fs.readFileSync(path.join(nextDir, file));
    size = { raw: bytes.length, gzip: gzipSync(bytes).length };
    sizes.set(file, size);
  }
  return size;
}

ensureBuild();
const pages = appPages();
const rows: Row[] = [];
const server = await startProdServer();
try {
  for (const [key, route] of pages) {
    if (route.includes("[")) {
      rows.push({ route, source: "manifest", note: "dynamic segment", files: scriptsInManifests(key) });
      continue;
    }
    // No redirect following: a redirect's target is another page, not this one.
    const res = await fetch(`${server.origin}${route}`, { redirect: "manual" });
    const html = await res.text();
    if (res.status === 200) rows.push({ route, source: "html", note: "", files: scriptsInHtml(html) });
    else rows.push({ route, source: "manifest", note: `HTTP ${res.status}`, files: scriptsInManifests(key) });
  }
} finally {
  await server.stop();
}

const kb = (bytes: number) => (bytes / KB).toFixed(1);
console.log(`\nFirst-load JS per app page — commit ${gitCommit()}, build ${fs.readFileSync(path.join(nextDir, "BUILD_ID"), "utf8").trim()}`);
console.log(`gzip = node:zlib gzipSync, default level, per file; shared chunks count in every page; 1 kB = ${KB} B\n`);
const header = ["route", "source", "files", "raw kB", "gzip kB", "budget"];
const table = rows.map((row) => {
  const raw = row.files.reduce((sum, f) => sum + sizeOf(f).raw, 0);
  const gzip = row.files.reduce((sum, f) => sum + sizeOf(f).gzip, 0);
  const budget = !isPublic(row.route) ? "—" : gzip > BUDGET_GZIP_KB * KB ? `OVER ${BUDGET_GZIP_KB}` : `ok ≤ ${BUDGET_GZIP_KB}`;
  return { row, gzip, cells: [row.route, row.source + (row.note ? ` (${row.note})` : ""), String(row.files.length), kb(raw), kb(gzip), budget] };
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t.cells[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
console.log(line(header));
for (const t of table) console.log(line(t.cells));

// Which files make up those totals, biggest first, so a jump can be traced to a chunk.
console.log("\nfiles (raw kB / gzip kB → pages that load it)");
const loadedBy = new Map<string, string[]>();
for (const row of rows) for (const f of row.files) loadedBy.set(f, [...(loadedBy.get(f) ?? []), row.route]);
for (const [file, routes] of [...loadedBy].sort((a, b) => sizeOf(b[0]).gzip - sizeOf(a[0]).gzip)) {
  const { raw, gzip } = sizeOf(file);
  const who = routes.length === rows.length ? "all pages" : routes.join(", ");
  console.log(`  ${file.padEnd(44)} ${kb(raw).padStart(7)} ${kb(gzip).padStart(7)}  → ${who}`);
}

const over = table.filter((t) => isPublic(t.row.route) && t.gzip > BUDGET_GZIP_KB * KB);
console.log(
  over.length
    ? `\nOVER BUDGET: ${over.map((t) => `${t.row.route} ${kb(t.gzip)} kB`).join(", ")} (public-page budget ${BUDGET_GZIP_KB} kB gzipped)`
    : `\nAll public pages within the ${BUDGET_GZIP_KB} kB gzipped budget.`,
);
