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
