import "server-only";
import pino from "pino";
import { env } from "@/server/env";
import { currentRequestContext, currentTask } from "./context";
import { serializeError } from "./scrub-error";

/** Paths that may carry secrets; pino replaces their values before anything is written. */
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "cookie",
  "*.cookie",
];

type Tap = (line: string) => void;
const taps = new Set<Tap>();

/**
 * stdout gets the lines a turn of the event loop wrote in one write (at most 16 KB waits):
 * stdout is a file or a pipe, written synchronously, and a write per line was a system call per
 * API request (decision 040). A line waits at most until the loop's check phase; `exit` writes
 * what is left, so a process ending on an error (`logProcessErrors`) still says why. A process
 * killed outright (SIGKILL, the OOM killer) loses at most that turn's lines.
 */
let pending = "";
let drainScheduled = false;
function drain() {
  drainScheduled = false;
  if (pending === "") return;
  const out = pending;
  pending = "";
  process.stdout.write(out);
}
// One `exit` listener however many copies of this module a bundler makes (each drains its own).
const globalDrains = globalThis as unknown as { groundworkLogDrains?: Set<() => void> };
if (!globalDrains.groundworkLogDrains) {
  const drains = (globalDrains.groundworkLogDrains = new Set());
  process.once("exit", () => {
    for (const d of drains) d();
  });
}
globalDrains.groundworkLogDrains.add(drain);

/** Where log lines go: stdout, plus any taps (tests read the lines a request produced). */
const sink = {
  write(line: string) {
    pending += line;
    if (pending.length >= 16_384) drain();
    else if (!drainScheduled) {
      drainScheduled = true;
      setImmediate(drain);
    }
    for (const tap of taps) tap(line);
  },
};

export function tapLogs(tap: Tap): () => void {
  taps.add(tap);
  return () => taps.delete(tap);
}

let lastMs = -1;
let lastTime = "";
/** pino's `isoTime`, formatted once per millisecond: the access log writes a line per request. */
function isoTime(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastTime = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTime;
}

export function createLogger(destination: pino.DestinationStream = sink, opts: { redact?: boolean } = {}) {
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { service: "groundwork" },
      timestamp: isoTime,
      formatters: { level: (label) => ({ level: label }) },
      ...(opts.redact === false ? {} : { redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }),
      serializers: { err: serializeError, error: serializeError },
      mixin() {
        const ctx = currentRequestContext();
        if (!ctx) {
          const task = currentTask();
          return task ? { task } : {};
        }
        return {
          requestId: ctx.requestId,
          userId: ctx.userId,
          workspaceId: ctx.workspaceId,
          impersonatorId: ctx.impersonatorId,
        };
      },
    },
    destination,
  );
}

export const logger = createLogger();

/**
 * The one-line-per-request access log (`withRequest`), whose fields are fixed — method, path,
 * status, timings, ids — and never match a redacted path. Without the redaction pass a line
 * costs half as much (≈ 7 µs against 14 µs), on every API request (decision 040).
 */
export const accessLogger = createLogger(sink, { redact: false });
