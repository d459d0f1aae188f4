/**
 * Before and after in one run: req/s of the same pages served by two builds — another checkout
 * (`--base-dir`, e.g. a worktree of main with its own `.next`) and this one — measured in
 * alternating turns (A B, then B A, …) so both see the same machine load. On a shared machine
 * sequential runs measure the neighbours; this is the figure to compare builds with.
 *
 *   npm run bench:pages:ab -- --base-dir ../main-checkout [--rounds 3] [--duration 5] [--connections 16]
 *
 * Pages: `/`, `/sign-in` (signed out) and the team workspace's home (signed in as a staff admin).
 * Prints each turn, the median per page and build, the ratio this/base, and each page's CSP form.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { arrangeBenchAdmin } from "./lib/bench-admin";
import { ensureBuild, gitCommit, startProdServer, type ProdServer } from "./lib/server";

const { values: args } = parseArgs({
  options: {
    "base-dir": { type: "string" },
    rounds: { type: "string", default: "3" },
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "16" },
  },
});
if (!args["base-dir"]) throw new Error("--base-dir <checkout with a build> is required");

async function arrange(server: ProdServer): Promise<{ workspacePath: string; cookie: string }> {
  const { team, cookie } = await arrangeBenchAdmin(server.databaseUrl);
  return { workspacePath: `/w/${team.slug}`, cookie };
}

ensureBuild();
const loadAtStart = os.loadavg()[0]!;
const base = await startProdServer({}, { dir: args["base-dir"] });
const self = await startProdServer();
const results = new Map<string, { base: number[]; self: number[]; csp: { base: string; self: string } }>();
try {
  const targets = { base: { server: base, ...(await arrange(base)) }, self: { server: self, ...(await arrange(self)) } };
  const pages = [
    { name: "/", path: () => "/", signedIn: false },
    { name: "/sign-in", path: () => "/sign-in", signedIn: false },
    { name: "/w/<team> (signed in)", path: (t: (typeof targets)["base"]) => t.workspacePath, signedIn: true },
  ];
  for (const page of pages) {
    const csp = { base: "", self: "" };
    for (const which of ["base", "self"] as const) {
      const t = targets[which];
      const res = await fetch(`${t.server.origin}${page.path(t)}`, { redirect: "manual", headers: page.signedIn ? { cookie: t.cookie } : {} });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${which} ${page.name}: HTTP ${res.status}`);
      const policy = res.headers.get("content-security-policy") ?? "";
      csp[which] = /'nonce-/.test(policy) ? "nonce" : /'sha256-/.test(policy) ? "hashes" : policy ? "other" : "none";
    }
    results.set(page.name, { base: [], self: [], csp });
  }
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const page of pages) {
      const order = round % 2 === 0 ? (["base", "self"] as const) : (["self", "base"] as const);
      for (const which of order) {
        const t = targets[which];
        const r = await autocannon({ url: `${t.server.origin}${page.path(t)}`, connections: Number(args.connections), duration: Number(args.duration), headers: { "accept-encoding": "gzip", ...(page.signedIn ? { cookie: t.cookie } : {}) } });
        if (r.non2xx > 0) throw new Error(`${which} ${page.name}: ${r.non2xx} non-2xx answers`);
        results.get(page.name)![which].push(r.requests.average);
        console.log(`round ${round + 1} ${page.name.padEnd(24)} ${which.padEnd(4)} ${r.requests.average.toFixed(0).padStart(5)} req/s  p50 ${r.latency.p50} ms  load ${os.loadavg()[0]!.toFixed(1)}`);
      }
    }
  }
} finally {
  await Promise.all([base.stop(), self.stop()]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`\nBefore/after, alternating turns (${args.rounds} rounds × ${args.duration} s, ${args.connections} connections)`);
console.log(`base ${args["base-dir"]} · this ${gitCommit()} · ${os.availableParallelism()} CPU(s) · load ${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0]!.toFixed(1)} at end (1 min avg)\n`);
console.log(`${"page".padEnd(24)}  ${"base req/s".padStart(10)}  ${"this req/s".padStart(10)}  ${"this/base".padStart(9)}  CSP (base → this)`);
for (const [name, r] of results) {
  const b = median(r.base);
  const s = median(r.self);
  console.log(`${name.padEnd(24)}  ${b.toFixed(0).padStart(10)}  ${s.toFixed(0).padStart(10)}  ${(s / b).toFixed(2).padStart(9)}  ${r.csp.base} → ${r.csp.self}`);
}
