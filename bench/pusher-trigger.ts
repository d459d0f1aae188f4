/**
 * Trigger → receive latency through the Pusher path as the app uses it: the `pusher` server
 * SDK (keep-alive agent) → tools/pusher-dev → one pusher-js client (WebSocket transport).
 *   - one at a time: trigger, wait for the event, repeat (N, default 2000);
 *   - in flight: 1000 triggers started together, per-event latency and triggers/s, with the
 *     transport's bounded keep-alive agent (maxSockets 50) and with an unbounded one.
 *
 *   npx tsx bench/pusher-trigger.ts [--n 2000] [--inflight 1000]
 *
 * Prints figures only. notes/pusher-protocol.md measured a ~215-line prototype at p50 ≈ 0.5 ms.
 */
import http from "node:http";
import os from "node:os";
import { parseArgs } from "node:util";
import Pusher from "pusher";
import PusherClient from "pusher-js";
import { startPusherDevServer } from "../tools/pusher-dev/server";

const { values: args } = parseArgs({ options: { n: { type: "string", default: "2000" }, inflight: { type: "string", default: "1000" } } });
const N = Number(args.n);
const IN_FLIGHT = Number(args.inflight);
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(IN_FLIGHT) || IN_FLIGHT < 1) throw new Error("--n and --inflight must be positive integers");
const NOTES_P50_MS = 0.5;
const WARMUP = 200;

const app = { appId: "bench", key: "bench-key", secret: "bench-secret" };
const server = await startPusherDevServer(app);
// Mirrors src/server/realtime/pusher-transport.ts (which can't be imported outside Next: server-only, env).
const agents = { "maxSockets 50": new http.Agent({ keepAlive: true, maxSockets: 50 }), unbounded: new http.Agent({ keepAlive: true }) };
const sdk = (agent: http.Agent) => new Pusher({ ...app, host: server.host, port: String(server.port), useTLS: false, agent });
let pusher = sdk(agents["maxSockets 50"]);
const client = new PusherClient(app.key, { cluster: "local", wsHost: server.host, wsPort: server.port, forceTLS: false, enabledTransports: ["ws"] });

const waiting = new Map<number, (receivedAt: number) => void>();
await new Promise<void>((resolve) => {
  const channel = client.subscribe("bench");
  channel.bind("pusher:subscription_succeeded", () => resolve());
  channel.bind("tick", (data: { seq: number }) => waiting.get(data.seq)?.(performance.now()));
});

let seq = 0;
/** Milliseconds from calling trigger to pusher-js handing the event to its listener. */
async function roundTrip(): Promise<number> {
  const id = seq++;
  const received = new Promise<number>((resolve) => waiting.set(id, resolve));
  const started = performance.now();
  await pusher.trigger("bench", "tick", { seq: id });
  const at = await received;
  waiting.delete(id);
  return at - started;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1)! };
}
const ms = (n: number) => `${n.toFixed(2)} ms`;

try {
  console.log(`pusher trigger bench · node ${process.version} · ${os.cpus().length} CPU(s) · pusher 5.3.4 → pusher-dev → pusher-js 8.6.0`);
  for (let i = 0; i < WARMUP; i++) await roundTrip();

  const sequential: number[] = [];
  for (let i = 0; i < N; i++) sequential.push(await roundTrip());
  const one = stats(sequential);
  console.log(`one at a time (n=${N}):               p50 ${ms(one.p50)}  p99 ${ms(one.p99)}  max ${ms(one.max)}  (p50 ${(one.p50 / NOTES_P50_MS).toFixed(1)}× the notes' ${NOTES_P50_MS} ms)`);

  for (const [label, agent] of Object.entries(agents)) {
    pusher = sdk(agent);
    // Round 1 opens the agent's sockets; report round 2, which runs on warm ones (as a busy app would).
    for (let round = 1; round <= 2; round++) {
      const started = performance.now();
      const concurrent = await Promise.all(Array.from({ length: IN_FLIGHT }, () => roundTrip()));
      const seconds = (performance.now() - started) / 1000;
      if (round === 1) continue;
      const many = stats(concurrent);
      console.log(
        `${IN_FLIGHT} in flight, ${label.padEnd(14)} p50 ${ms(many.p50)}  p99 ${ms(many.p99)}  · ${Math.round(IN_FLIGHT / seconds)} triggers/s (notes: ≈ 5,500/s)`,
      );
    }
  }
} finally {
  client.disconnect();
  for (const agent of Object.values(agents)) agent.destroy();
  await server.stop();
}
