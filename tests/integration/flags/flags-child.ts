/**
 * A second app process for the cross-process test: its own flag store and LISTEN connection.
 * For each "eval <flag> <userId> <tag>" line on stdin it prints the value it serves now.
 * Run with `node --conditions=react-server --import tsx`.
 */
import readline from "node:readline";
import type { FlagKey } from "@/lib/flags/registry";
import { sql } from "@/server/db/client";
import { evaluationCounter } from "@/server/flags/evaluation-counter";
import { getFlag } from "@/server/flags/flags";
import { flagStore } from "@/server/flags/store";

await flagStore().ready();
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, key, userId, tag] = line.trim().split(" ");
  if (command === "eval" && key && userId) {
    const value = await getFlag(key as FlagKey, { userId });
    process.stdout.write(`${JSON.stringify({ tag, value })}\n`);
  }
}
evaluationCounter().stop();
await flagStore().stop();
await sql.end({ timeout: 1 });
