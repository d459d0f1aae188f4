/**
 * `tsx tools/inngest-dev/cli.ts [--port 8288] [--app-url http://localhost:3000/api/inngest]`
 * with DATABASE_URL set. Point the app at it with INNGEST_DEV=http://127.0.0.1:8288.
 * Ctrl-C stops it cleanly; sleeping and waiting runs resume on the next start.
 */
import { parseArgs } from "node:util";
import { startInngestDevServer } from "./index";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "8288" },
    "app-url": { type: "string" },
    quiet: { type: "boolean", default: false },
  },
});

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("inngest-dev: DATABASE_URL is not set");
  process.exit(1);
}
const say = (line: string) => console.log(`\x1b[35m[inngest-dev]\x1b[0m ${line}`);

const server = await startInngestDevServer({
  databaseUrl,
  port: Number(args.port),
  appUrl: args["app-url"],
  log: args.quiet ? undefined : say,
});
say(`ready on ${server.url}${args["app-url"] ? ` for ${args["app-url"]}` : " (no --app-url: POST /sync with { url } to add an app)"}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    say("stopping");
    server.stop().then(() => process.exit(0));
  });
}
