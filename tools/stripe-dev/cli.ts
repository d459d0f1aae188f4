/**
 * `tsx tools/stripe-dev/cli.ts [--port 12111] [--webhook-url http://localhost:3000/api/webhooks/stripe]`
 * with DATABASE_URL set. Prints the STRIPE_DEV_URL line for the app. Ctrl-C stops it;
 * its objects and pending webhook deliveries are still there on the next start.
 */
import { parseArgs } from "node:util";
import { startStripeDevServer } from "./index";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: "12111" },
    "webhook-url": { type: "string" },
    quiet: { type: "boolean", default: false },
  },
});

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("stripe-dev: DATABASE_URL is not set");
  process.exit(1);
}
const say = (line: string) => console.log(`\x1b[33m[stripe-dev]\x1b[0m ${line}`);

const server = await startStripeDevServer({ databaseUrl, port: Number(args.port), webhookUrl: args["webhook-url"] ?? null, log: args.quiet ? undefined : say });
say(`ready: STRIPE_DEV_URL=${server.url} (STRIPE_SECRET_KEY unset; webhooks signed with ${server.webhookSecret.slice(0, 6)}…, the app's dev default)`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    say("stopping");
    void server.stop().then(() => process.exit(0));
  });
}
