/**
 * A second app process for the cross-process test: runs this process's realtime hub on the
 * same database, prints every event it receives as a JSON line, and publishes what it is
 * told on stdin ("publish <channel> <type>"). Run with `node --conditions=react-server --import tsx`.
 */
import readline from "node:readline";
import { realtimeHub } from "@/server/realtime/hub";
import { publish } from "@/server/realtime/publish";
import { sql } from "@/server/db/client";

const channels = (process.argv[2] ?? "").split(",").filter(Boolean);
const hub = realtimeHub();
await hub.ready();
hub.subscribe({ channels, send: (event) => void process.stdout.write(`${JSON.stringify({ received: event })}\n`) });
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

for await (const line of readline.createInterface({ input: process.stdin })) {
  const [command, channel, type] = line.trim().split(" ");
  if (command === "publish" && channel && type) {
    const event = await publish(channel, { type, data: { from: "child" } });
    process.stdout.write(`${JSON.stringify({ published: event.id })}\n`);
  }
}
await hub.stop();
await sql.end({ timeout: 1 });
