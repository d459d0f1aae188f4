/**
 * `npm run dev`: the whole app on its embedded defaults. With DATABASE_URL unset it starts
 * Postgres under .data/, migrates, seeds on first start, then runs Next.js; Ctrl-C stops
 * both cleanly. With DATABASE_URL set it starts nothing but Next.js (after migrating).
 *
 *   --prod          run `npm start`'s server (scripts/start.ts, after `next build`) instead of `next dev`
 *   --ephemeral     throwaway database, deleted on exit (e2e)
 *   --hermetic      ignore .env files (e2e and tests set every variable themselves)
 *   --port N        HTTP port (default $PORT or 3000)
 *   --log-file F    also append the server's output to F
 *   --db-url-file F write the database URL to F (e2e fixtures create users and sessions)
 *   --inngest       start the local Inngest dev server with --prod too (e2e of previews, which
 *                   run only as Inngest functions; pair it with NODE_ENV=test, since env.ts refuses
 *                   INNGEST_DEV in production)
 *   --stripe-dev-url-file F  write the local Stripe gateway's URL to F (e2e drives its test controls)
 *   --pusher        realtime over Pusher: start the local Pusher-protocol server (tools/pusher-dev)
 *                   on a free loopback port with generated app id/key/secret, give Next its
 *                   PUSHER_* variables (overriding any set), and stop it on exit (e2e's
 *                   chromium-pusher project)
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { migrateDatabase } from "../src/server/db/migrate";
import { DEMO_LOGINS, seedDatabase } from "../src/server/db/seed";
import { findFreePort } from "../tools/embedded-postgres";
import { startInngestDevServer, type InngestDevServer } from "../tools/inngest-dev";
import { startPusherDevServer, type PusherDevServer } from "../tools/pusher-dev/server";
import { startStripeDevServer, type StripeDevServer } from "../tools/stripe-dev";
import { connect, openDatabase } from "./lib/database";
import { runBillingSeed } from "./lib/seed-billing";

const { values: args } = parseArgs({
  options: {
    prod: { type: "boolean", default: false },
    ephemeral: { type: "boolean", default: false },
    hermetic: { type: "boolean", default: false },
    port: { type: "string" },
    "log-file": { type: "string" },
    "db-url-file": { type: "string" },
    pusher: { type: "boolean", default: false },
    inngest: { type: "boolean", default: false },
    "stripe-dev-url-file": { type: "string" },
  },
});

if (!args.hermetic) nextEnv.loadEnvConfig(process.cwd(), !args.prod);
const port = args.port ?? process.env.PORT ?? "3000";
const say = (line: string) => console.log(`\x1b[36m[groundwork]\x1b[0m ${line}`);

const database = await openDatabase({ ephemeral: args.ephemeral });
say(database.embedded ? `Postgres (embedded) at ${database.url} — data in ${database.embedded.dataDir}` : "Using DATABASE_URL");
if (args["db-url-file"]) fs.writeFileSync(args["db-url-file"], database.url, { mode: 0o600 });
const { applied } = await migrateDatabase(database.directUrl);
say(applied ? `Applied ${applied} migration(s)` : "Migrations up to date");

const seeding = database.fresh || args.ephemeral;
if (seeding) {
  const { db, close } = connect(database.url);
  const report = await seedDatabase(db).finally(close);
  say(`Seeded demo data: ${Object.entries(report.inserted).map(([k, n]) => `${n} ${k}`).join(", ")}`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

const INNGEST_KEYS = ["INNGEST_DEV", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY", "INNGEST_BASE_URL"] as const;
let inngestDev: InngestDevServer | null = null;
if ((!args.prod || args.inngest) && INNGEST_KEYS.every((k) => !process.env[k])) {
  const sayInngest = (line: string) => console.log(`\x1b[35m[inngest-dev]\x1b[0m ${line}`);
  // The Inngest Dev Server's usual port when it is free, else any free one. Probed first: a
  // failed listen would leave the dev server's engine polling.
  const port = (await portIsFree(8288)) ? 8288 : await findFreePort();
  const dev = await startInngestDevServer({ databaseUrl: database.directUrl, port, log: sayInngest });
  process.env.INNGEST_DEV = dev.url;
  process.env.INNGEST_BASE_URL = dev.url;
  inngestDev = dev;
}

let pusherDev: PusherDevServer | null = null;
const pusherEnv: Record<string, string> = {};
if (args.pusher) {
  const app = { appId: `local-${randomBytes(4).toString("hex")}`, key: randomBytes(10).toString("hex"), secret: randomBytes(20).toString("hex") };
  pusherDev = await startPusherDevServer({ ...app, port: 0 });
  Object.assign(pusherEnv, { PUSHER_APP_ID: app.appId, PUSHER_KEY: app.key, PUSHER_SECRET: app.secret, PUSHER_HOST: pusherDev.host, PUSHER_PORT: String(pusherDev.port) });
  console.log(`\x1b[34m[pusher-dev]\x1b[0m Pusher-protocol server on ${pusherDev.url} (app ${app.appId}); realtime goes over Pusher`);
}

// Payments: without STRIPE_SECRET_KEY, the local Stripe-protocol server (tools/stripe-dev), its
// state in this database, webhooks to this app. STRIPE_DEV_URL tells the app where it is.
let stripeDev: StripeDevServer | null = null;
if (!process.env.STRIPE_SECRET_KEY) {
  const sayStripe = (line: string) => console.log(`\x1b[33m[stripe-dev]\x1b[0m ${line}`);
  const stripePort = !args.ephemeral && (await portIsFree(12111)) ? 12111 : 0;
  stripeDev = await startStripeDevServer({ databaseUrl: database.url, port: stripePort, webhookUrl: `http://127.0.0.1:${port}/api/webhooks/stripe`, log: sayStripe });
  process.env.STRIPE_DEV_URL = stripeDev.url;
  if (args["stripe-dev-url-file"]) fs.writeFileSync(args["stripe-dev-url-file"], stripeDev.url);
  // The seeded characters' subscriptions, through this gateway (its webhooks reach the app once it is up).
  if (seeding) for (const line of await runBillingSeed(database.url, stripeDev.url)) sayStripe(`Seeded billing: ${line}`);
}

const logFile = args["log-file"] ? fs.createWriteStream(path.resolve(args["log-file"]), { flags: "a" }) : null;
const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
// Production mode (e2e, benches) is `npm start`'s server (it records socket addresses) on
// loopback; dev listens like `next dev` does.
const command = args.prod ? ["--import", "tsx", path.join(process.cwd(), "scripts", "start.ts")] : [nextBin, "dev", "--port", port];
// Without a log file the server writes straight to this process's stdout and stderr: relaying
// each line through here would cost a read and a write per access-log line in a second
// process, which `npm start` in production doesn't have (decision 040's bench note).
const child = spawn(process.execPath, command, {
  stdio: logFile ? ["inherit", "pipe", "pipe"] : "inherit",
  env: {
    ...process.env,
    ...(args.prod ? { PORT: port, HOSTNAME: "127.0.0.1" } : {}),
    DATABASE_URL: database.url,
    DEV_TOOLS: process.env.DEV_TOOLS || (args.prod ? "" : "1"),
    APP_URL: process.env.APP_URL || `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    // A throwaway database needs no lasting secret; a real deployment sets its own.
    APP_SECRET: process.env.APP_SECRET || (args.ephemeral ? randomBytes(32).toString("hex") : ""),
    API_KEY_PEPPER: process.env.API_KEY_PEPPER || (args.ephemeral ? randomBytes(32).toString("hex") : ""),
    ...pusherEnv,
  },
});
if (logFile) {
  for (const [from, to] of [[child.stdout!, process.stdout], [child.stderr!, process.stderr]] as const) {
    from.on("data", (chunk: Buffer) => {
      to.write(chunk);
      logFile.write(chunk);
    });
  }
}

let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  say("Stopping…");
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
  await inngestDev?.stop();
  await pusherDev?.stop();
  await stripeDev?.stop();
  await database.stop();
  logFile?.end();
  say("Stopped.");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
child.on("exit", (code) => void shutdown(code ?? 0));

say(`App: http://localhost:${port}`);
if (inngestDev) {
  const dev = inngestDev;
  const serveUrl = `http://localhost:${port}/api/inngest`;
  say(`Background jobs: local Inngest dev server at ${dev.url} (runs at /staff/jobs)`);
  // `next dev` compiles the route on first request: keep syncing until it answers.
  void (async () => {
    // Generous: on a busy machine `next start` (or `next dev`'s first compile) takes minutes.
    const deadline = Date.now() + 300_000;
    for (;;) {
      if (shuttingDown) return;
      try {
        const result = await dev.sync(serveUrl);
        say(`Synced ${result.functions.length} Inngest function(s)${Object.keys(result.unsupported).length ? `; unsupported: ${JSON.stringify(result.unsupported)}` : ""}`);
        return;
      } catch (error) {
        if (Date.now() > deadline) return say(`Inngest sync with ${serveUrl} failed: ${(error as Error).message}. Retry with: curl -X POST ${dev.url}/sync -d '{"url":"${serveUrl}"}'`);
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
  })();
}
say(
  stripeDev
    ? `Payments: local Stripe test gateway at ${stripeDev.url} (test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 declines, 4000 0000 0000 0341 fails on renewal; controls in tools/stripe-dev/README.md)`
    : "Payments: Stripe (STRIPE_SECRET_KEY is set)",
);
const logins = DEMO_LOGINS.map((l) => `${l.email} / ${l.password} (${l.role})`).join(", ");
say(`Demo logins: ${logins || "none yet (accounts arrive with the accounts feature)"}`);
