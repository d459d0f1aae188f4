import "server-only";
import { logger } from "./logger";

/**
 * For the standalone servers (`start:api`, `start:realtime`) what Next's server does for itself
 * (next/dist/server/node-environment-extensions/process-error-handlers.js): a promise rejection
 * nobody handled is logged and the process goes on serving. postgres.js makes one when a
 * connection drops while it fetches the array types (decision 034); Node's default would end the
 * process, and every request on it, over a query no request was waiting for.
 *
 * An uncaught exception is logged and ends the process (exit 1) for its supervisor to restart:
 * after a throw in the middle of a callback, the process's state can't be trusted.
 */
export function logProcessErrors(server: string): void {
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason, server }, "unhandled rejection; still serving");
  });
  process.on("uncaughtException", (error) => {
    logger.fatal({ err: error, server }, "uncaught exception; exiting");
    process.exit(1);
  });
}
