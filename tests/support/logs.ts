import { tapLogs } from "@/server/logging/logger";

export type LogLine = Record<string, unknown> & { msg?: string; level?: string; requestId?: string };

/** Collects the JSON log lines written while `fn` runs. */
export async function captureLogs<T>(fn: () => Promise<T>): Promise<{ result: T; lines: LogLine[] }> {
  const raw: string[] = [];
  const untap = tapLogs((line) => raw.push(line));
  try {
    const result = await fn();
    return { result, lines: raw.flatMap((chunk) => chunk.split("\n")).filter(Boolean).map((l) => JSON.parse(l) as LogLine) };
  } finally {
    untap();
  }
}

/** Collects log lines as they are written, for tests that wait for one: `stop()` when done. */
export function collectLogs(): { lines: LogLine[]; stop: () => void } {
  const lines: LogLine[] = [];
  const stop = tapLogs((chunk) => {
    for (const l of chunk.split("\n")) if (l.trim()) lines.push(JSON.parse(l) as LogLine);
  });
  return { lines, stop };
}
