/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`) by function: self time and inclusive
 * time (a function counted once per sample however deep it recurses), top N of each. There is
 * no speedscope offline; this is what reading the profile needs.
 *
 *   npx tsx bench/lib/cpu-profile.ts file.cpuprofile [--top 30] [--filter text]
 */
import fs from "node:fs";
import path from "node:path";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export type FunctionCost = { name: string; selfMs: number; totalMs: number; selfPct: number; totalPct: number };

const root = process.cwd();
function label(frame: Node["callFrame"]): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url) return name;
  let file = frame.url.replace(/^file:\/\//, "");
  if (file.startsWith(root)) file = path.relative(root, file);
  file = file.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "~/");
  return `${name} ${file}:${frame.lineNumber + 1}`;
}

/** `skipMs`: leave out the first milliseconds of the profile (the server starting up). */
export function summariseProfile(profile: Profile, opts: { skipMs?: number } = {}): { totalMs: number; idleMs: number; functions: FunctionCost[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  let at = profile.startTime;
  const from = profile.startTime + (opts.skipMs ?? 0) * 1000;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    at += profile.timeDeltas[i] ?? 0;
    if (at < from) continue;
    totalMs += ms;
    const leaf = byId.get(profile.samples[i]!)!;
    const leafName = label(leaf.callFrame);
    if (leaf.callFrame.functionName === "(idle)") idleMs += ms;
    self.set(leafName, (self.get(leafName) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const name = label(byId.get(id)!.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  }
  const functions = [...total.keys()].map((name) => ({
    name,
    selfMs: self.get(name) ?? 0,
    totalMs: total.get(name)!,
    selfPct: ((self.get(name) ?? 0) / totalMs) * 100,
    totalPct: (total.get(name)! / totalMs) * 100,
  }));
  return { totalMs, idleMs, functions };
}

/** Who calls the functions whose label contains `name`: each distinct caller chain (nearest `depth` frames) with its time. */
export function callersOf(profile: Profile, name: string, depth = 6): Array<{ chain: string; ms: number }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const chains = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frames: string[] = [];
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) frames.push(label(byId.get(id)!.callFrame));
    const hit = frames.findIndex((f) => f.includes(name));
    if (hit < 0) continue;
    const chain = frames.slice(hit, hit + depth).join(" ← ");
    chains.set(chain, (chains.get(chain) ?? 0) + ms);
  }
  return [...chains].map(([chain, ms]) => ({ chain, ms })).sort((a, b) => b.ms - a.ms);
}

export function printProfileSummary(file: string, opts: { top?: number; filter?: string; skipMs?: number } = {}): void {
  const top = opts.top ?? 25;
  const { totalMs, idleMs, functions } = summariseProfile(JSON.parse(fs.readFileSync(file, "utf8")) as Profile, { skipMs: opts.skipMs });
  const shown = opts.filter ? functions.filter((f) => f.name.includes(opts.filter!)) : functions;
  const row = (f: FunctionCost) => `   ${f.selfPct.toFixed(1).padStart(5)}% ${f.totalPct.toFixed(1).padStart(5)}%  ${f.name}`;
  console.log(`   ${path.basename(file)}: ${(totalMs / 1000).toFixed(1)} s sampled, ${((idleMs / totalMs) * 100).toFixed(0)}% idle`);
  console.log(`   by self time (self%  total%):`);
  for (const f of [...shown].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) console.log(row(f));
  console.log(`   by inclusive time (self%  total%):`);
  for (const f of [...shown].sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) console.log(row(f));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) throw new Error("usage: npx tsx bench/lib/cpu-profile.ts file.cpuprofile [--top N] [--filter text] [--skip-ms N] [--callers name]");
  const opt = (name: string) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : undefined; };
  const callers = opt("--callers");
  if (callers) {
    for (const { chain, ms } of callersOf(JSON.parse(fs.readFileSync(file, "utf8")) as Profile, callers).slice(0, Number(opt("--top") ?? 15))) console.log(`${ms.toFixed(0).padStart(6)} ms  ${chain}`);
  } else {
    printProfileSummary(file, { top: Number(opt("--top") ?? 25), filter: opt("--filter"), skipMs: Number(opt("--skip-ms") ?? 0) });
  }
}
