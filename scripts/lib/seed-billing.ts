/**
 * The seeded characters' billing from a script: `scripts/seed-billing.ts` in a child process
 * (the billing code is server-only, so it runs under the react-server condition), against the
 * local Stripe gateway. With STRIPE_SECRET_KEY set it is skipped (see seed-billing.ts).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { startStripeDevServer } from "../../tools/stripe-dev";

const SCRIPT = path.join(import.meta.dirname, "..", "seed-billing.ts");

/** Runs the billing seed against the gateway at `stripeDevUrl`; resolves the lines it printed. */
export function runBillingSeed(databaseUrl: string, stripeDevUrl: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", SCRIPT], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DATABASE_URL: databaseUrl, STRIPE_DEV_URL: stripeDevUrl, STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: "" },
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.stderr.on("data", (c: Buffer) => (out += c));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(out.trim().split("\n").filter(Boolean)) : reject(new Error(`seeding billing failed (exit ${code}):\n${out}`))));
  });
}

/** For `db seed|reset`: the local gateway just long enough to seed through it (no webhooks: the seed syncs itself). */
export async function seedBillingWithLocalGateway(databaseUrl: string): Promise<string[]> {
  if (process.env.STRIPE_SECRET_KEY) return ["Billing characters skipped: STRIPE_SECRET_KEY is set (they are seeded through the local gateway only)."];
  const gateway = await startStripeDevServer({ databaseUrl, port: 0, webhookUrl: null });
  try {
    return await runBillingSeed(databaseUrl, gateway.url);
  } finally {
    await gateway.stop();
  }
}
