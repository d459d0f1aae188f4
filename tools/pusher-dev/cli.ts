/**
 * Runs pusher-dev in the foreground:
 *   npx tsx tools/pusher-dev/cli.ts [--port 6001]
 * App credentials come from PUSHER_APP_ID / PUSHER_KEY / PUSHER_SECRET when set, else local
 * defaults; it prints the env lines that point the app at it.
 */
import { parseArgs } from "node:util";
import { startPusherDevServer } from "./server";

const { values } = parseArgs({ options: { port: { type: "string", default: process.env.PUSHER_PORT || "6001" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`pusher-dev: --port must be a port number, got ${values.port}`);
  process.exit(2);
}

const app = {
  appId: process.env.PUSHER_APP_ID || "groundwork-local",
  key: process.env.PUSHER_KEY || "groundwork-local-key",
  secret: process.env.PUSHER_SECRET || "groundwork-local-secret",
};
const server = await startPusherDevServer({ ...app, port });
console.log(`pusher-dev listening on ${server.url} (WebSocket ws://${server.host}:${server.port}/app/${app.key})`);
console.log("Point the app at it with:");
for (const line of [`PUSHER_APP_ID=${app.appId}`, `PUSHER_KEY=${app.key}`, `PUSHER_SECRET=${app.secret}`, `PUSHER_HOST=${server.host}`, `PUSHER_PORT=${server.port}`]) {
  console.log(`  ${line}`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
}
