import fs from "node:fs";

export type ServerLogLine = Record<string, unknown> & { msg?: string; level?: string };

/** The JSON lines the e2e server has logged so far (its stdout is teed to E2E_SERVER_LOG). */
export function serverLogLines(): ServerLogLine[] {
  const file = process.env.E2E_SERVER_LOG;
  if (!file || !fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as ServerLogLine);
}
