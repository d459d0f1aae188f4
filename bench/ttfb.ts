/**
 * Time to first byte of the landing page against a static file from the same production
 * server, so the difference is what rendering `/` costs (proxy + React render) over serving bytes.
 *
 *   npx tsx bench/ttfb.ts [--n 200]
 *
 * Prints figures only; it never asserts a timing (machines differ too much).
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureBuild, gitCommit, nextDir, startProdServer } from "./lib/server";

const { values: args } = parseArgs({ options: { n: { type: "string", default: "200" } } });
const N = Number(args.n);
if (!Number.isInteger(N) || N < 1) throw new Error(`--n must be a positive integer, got ${args.n}`);
const WARMUP = 20;

type Sample = { ttfb: number; total: number };

// One socket, kept alive: every request reuses the connection, so TCP setup doesn't dominate
// and both targets pay exactly the same transport cost.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function measure(origin: string, urlPath: string): Promise<Sample & { status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    // Ask for gzip like a browser does, so each target pays the compression a real visit pays.
    const req = http.get(`${origin}${urlPath}`, { agent, headers: { "accept-encoding": "gzip" } }, (res) => {
      const ttfb = performance.now() - start;
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => resolve({ ttfb, total: performance.now() - start, status: res.statusCode ?? 0, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/** A file Next serves as-is: something in public/ if there is one, else a built JS chunk. */
function staticTarget(): string {
  const publicDir = path.join(process.cwd(), "public");
  const publicFile = fs.existsSync(publicDir)
    ? fs.readdirSync(publicDir, { withFileTypes: true }).find((e) => e.isFile())
    : undefined;
  if (publicFile) return `/${encodeURIComponent(publicFile.name)}`;
  // The first root main file is a chunk every page loads, so it is always present in a build.
  const manifest = JSON.parse(fs.readFileSync(path.join(nextDir, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const chunk = manifest.rootMainFiles[0];
  if (!chunk) throw new Error("build-manifest.json lists no rootMainFiles");
  return `/_next/${chunk}`;
}

// Nearest-rank percentile on a sorted copy.
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarize(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

ensureBuild();
const targets = { landing: "/", static: staticTarget() };
const server = await startProdServer();
try {
  const samples: Record<keyof typeof targets, Sample[]> = { landing: [], static: [] };
  const wire: Record<keyof typeof targets, number> = { landing: 0, static: 0 };
  for (let i = 0; i < WARMUP + N; i++) {
    // Alternate A, B, A, B… so both targets see the same machine conditions over the run.
    for (const name of ["landing", "static"] as const) {
      const result = await measure(server.origin, targets[name]);
      if (result.status !== 200) throw new Error(`GET ${targets[name]} returned ${result.status}, not 200`);
      wire[name] = result.bytes;
      if (i >= WARMUP) samples[name].push(result);
    }
  }

  console.log(`\nTTFB benchmark — ${N} sequential requests per target (after ${WARMUP} warm-up), interleaved, keep-alive`);
  console.log(`node ${process.version} · ${os.availableParallelism()} CPU(s) (${os.cpus()[0]?.model.trim() ?? "?"}) · commit ${gitCommit()}`);
  console.log(`landing = GET ${targets.landing} (${wire.landing} B on the wire)`);
  console.log(`static  = GET ${targets.static} (${wire.static} B on the wire)\n`);

  const ms = (v: number) => v.toFixed(2).padStart(8);
  console.log(`${"target".padEnd(16)}${"p50".padStart(8)}${"p95".padStart(8)}${"p99".padStart(8)}${"mean".padStart(8)}   (ms)`);
  const stats = {} as Record<string, ReturnType<typeof summarize>>;
  for (const name of ["landing", "static"] as const) {
    for (const metric of ["ttfb", "total"] as const) {
      const s = (stats[`${name} ${metric}`] = summarize(samples[name].map((x) => x[metric])));
      console.log(`${`${name} ${metric}`.padEnd(16)}${ms(s.p50)}${ms(s.p95)}${ms(s.p99)}${ms(s.mean)}`);
    }
  }
  console.log("");
  for (const metric of ["ttfb", "total"] as const) {
    const a = stats[`landing ${metric}`]!;
    const b = stats[`static ${metric}`]!;
    console.log(`landing/static ${metric.padEnd(5)}  p50 ${(a.p50 / b.p50).toFixed(2)}×   p95 ${(a.p95 / b.p95).toFixed(2)}×`);
  }
} finally {
  agent.destroy();
  await server.stop();
}
