/**
 * The local Stripe gateway for an integration test file: on the port tests/support/setup-file.ts
 * reserved in STRIPE_DEV_URL (so `stripeClient()` already points at it), against the file's own
 * database, with fast webhook retries. `routeServer` puts a route handler (e.g. the app's
 * webhook route) on a loopback port so the gateway can deliver to it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startStripeDevServer, type StripeDevServer } from "../../tools/stripe-dev";

export async function startTestStripeDev(opts: { webhookUrl?: string | null } = {}): Promise<StripeDevServer> {
  const url = new URL(process.env.STRIPE_DEV_URL!);
  return startStripeDevServer({ databaseUrl: process.env.DATABASE_URL!, port: Number(url.port), webhookUrl: opts.webhookUrl ?? null, retryBaseMs: 50, pollMs: 20 });
}

export async function routeServer(handler: (req: Request) => Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: req.method === "GET" ? undefined : Buffer.concat(chunks) });
      handler(request)
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: Error) => res.writeHead(500).end(error.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
