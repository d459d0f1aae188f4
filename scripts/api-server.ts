/**
 * `npm run start:api`: /api/v1 as its own process (src/server/rest/standalone.ts),
 * for API traffic the Next pipeline would cap. Same validated env as the app; listens on
 * API_HOST:API_PORT (0.0.0.0:3002). Route `/api/v1` of the app's host to it.
 */
import { env } from "../src/server/env";
import { logProcessErrors } from "../src/server/logging/process-errors";
import { startApiServer } from "../src/server/rest/standalone";

logProcessErrors("start:api");
const server = await startApiServer({ port: env.API_PORT, host: env.API_HOST });
console.log(`api server listening on ${env.API_HOST}:${server.port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.stop().then(() => process.exit(0)));
}
