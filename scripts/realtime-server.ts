/**
 * `npm run start:realtime`: the SSE endpoint as its own process (src/server/realtime/standalone.ts),
 * for deployments that put more streams on an instance than the Next process should hold.
 * Reads the same validated env as the app (DATABASE_URL, APP_URL, …) and listens on
 * REALTIME_HOST:REALTIME_PORT (0.0.0.0:3001). Route `/api/realtime` of the app's host to it.
 */
import { env } from "../src/server/env";
import { logProcessErrors } from "../src/server/logging/process-errors";
import { startRealtimeServer } from "../src/server/realtime/standalone";

logProcessErrors("start:realtime");
const server = await startRealtimeServer({ port: env.REALTIME_PORT, host: env.REALTIME_HOST });
console.log(`realtime server listening on ${env.REALTIME_HOST}:${server.port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
}
