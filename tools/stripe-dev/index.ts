/**
 * Dev tool: a local Stripe-protocol server (Stripe cannot be reached here and `stripe-mock` is
 * a Go binary). The app talks to it with the real `stripe` SDK through the SDK's
 * host/port/protocol options; it keeps its state in Postgres schema `stripe_dev`, delivers
 * signed webhooks, serves hosted checkout/portal/invoice pages, and listens on loopback only.
 * Never deployed; see docs/decisions/ (local Stripe gateway) and ./README.md.
 */
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { STRIPE_DEV_SECRET_KEY, STRIPE_DEV_WEBHOOK_SECRET } from "../../src/lib/stripe-dev-keys";
import { createControl, type Control, type ControlState } from "./control";
import { createHttpServer } from "./http-server";
import { createRunner } from "./runner";
import { createSchema } from "./schema";
import { startDeliveries } from "./webhooks";

export type StripeDevServerOptions = {
  databaseUrl: string;
  /** Default 12111 (stripe-mock's port); 0 picks a free one. */
  port?: number;
  /** The app's webhook route, e.g. http://127.0.0.1:3000/api/webhooks/stripe. Settable later. */
  webhookUrl?: string | null;
  /** Signs deliveries; default the dev secret the app uses when STRIPE_SECRET_KEY is unset. */
  webhookSecret?: string;
  /** The API key requests must carry; default the app's dev key. */
  secretKey?: string;
  log?: (line: string) => void;
  /** First webhook retry delay, doubling per attempt (max 1 h). Default 2000 ms. */
  retryBaseMs?: number;
  /** Attempts per delivery before giving up. Default 10. */
  maxAttempts?: number;
  /** How often due deliveries are looked for. Default 200 ms. */
  pollMs?: number;
  /** A delivery that takes longer counts as failed (Stripe: ~10–20 s). Default 10 000 ms. */
  deliveryTimeoutMs?: number;
};

export type StripeDevServer = {
  /** Base URL; give it to the app as STRIPE_DEV_URL. */
  url: string;
  host: string;
  port: number;
  secretKey: string;
  webhookSecret: string;
  control: Control;
  stop(): Promise<void>;
};

export async function startStripeDevServer(options: StripeDevServerOptions): Promise<StripeDevServer> {
  const log = options.log ?? (() => {});
  const sql = postgres(options.databaseUrl, { max: 4, onnotice: () => {} });
  await createSchema(sql);
  // Stripe keeps idempotency keys for 24 hours.
  await sql`delete from stripe_dev.idempotency where created_at < now() - interval '24 hours'`;
  const secretKey = options.secretKey ?? STRIPE_DEV_SECRET_KEY;
  const webhookSecret = options.webhookSecret ?? STRIPE_DEV_WEBHOOK_SECRET;
  const state: ControlState = { endpoint: options.webhookUrl ? { url: options.webhookUrl, secret: webhookSecret } : null, hold: false, heldCustomers: new Set(), mode: "up" };
  const deliveries = startDeliveries({
    sql,
    endpoint: () => state.endpoint,
    log,
    pollMs: options.pollMs ?? 200,
    retryBaseMs: options.retryBaseMs ?? 2000,
    maxAttempts: options.maxAttempts ?? 10,
    timeoutMs: options.deliveryTimeoutMs ?? 10_000,
  });
  let baseUrl = "";
  const run = createRunner({ sql, baseUrl: () => baseUrl, webhooks: () => ({ urls: state.endpoint ? [state.endpoint.url] : [], hold: state.hold, heldCustomers: state.heldCustomers }), afterCommit: deliveries.nudge });
  const { control, http } = createControl(sql, state, deliveries, run);
  const server = createHttpServer({ secretKey, run, mode: () => state.mode, control: http, log });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 12111, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  log(`Stripe-protocol server on ${baseUrl}${state.endpoint ? `, webhooks to ${state.endpoint.url}` : " (no webhook endpoint yet)"}`);

  let stopping: Promise<void> | undefined;
  return {
    url: baseUrl,
    host: "127.0.0.1",
    port,
    secretKey,
    webhookSecret,
    control: { ...control, setWebhookEndpoint: (endpoint) => control.setWebhookEndpoint(endpoint && { ...endpoint, secret: endpoint.secret || webhookSecret }) },
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await deliveries.stop();
        await sql.end({ timeout: 5 });
      })();
      return stopping;
    },
  };
}
