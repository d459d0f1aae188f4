import "server-only";
import Stripe from "stripe";
import { AppError } from "@/server/errors";
import { stripeMode, type StripeMode } from "@/server/env";

let cached: { key: string; stripe: Stripe } | null = null;

function configuredMode(): StripeMode {
  const mode = stripeMode();
  if (mode) return mode;
  throw new AppError("SERVICE_UNAVAILABLE", {
    userMessage: "Payments are not configured on this server: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or start it with `npm run dev`, which runs the local test gateway.",
  });
}

/**
 * The one `stripe` SDK instance: Stripe itself when STRIPE_SECRET_KEY is set, otherwise the
 * local Stripe-protocol server (tools/stripe-dev) through the SDK's host/port/protocol
 * options, so every call site is the same in both modes. Throws when neither is configured.
 */
export function stripeClient(): Stripe {
  const mode = configuredMode();
  const key = mode.kind === "local" ? `local:${mode.url}` : `stripe:${mode.secretKey}`;
  if (cached?.key === key) return cached.stripe;
  const stripe = new Stripe(mode.secretKey, {
    // The SDK's own retries reuse the request's Idempotency-Key, so they are safe to allow.
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "groundwork" },
    ...(mode.kind === "local" ? localServer(mode.url) : {}),
  });
  cached = { key, stripe };
  return stripe;
}

/** The secret `Stripe-Signature` headers are checked against (`stripe.webhooks.constructEvent`). */
export function stripeWebhookSecret(): string {
  return configuredMode().webhookSecret;
}

/** "stripe" or "local": shown to staff and in logs, never used to branch billing logic. */
export function stripeGatewayKind(): StripeMode["kind"] | null {
  return stripeMode()?.kind ?? null;
}

function localServer(url: string): { host: string; port: number; protocol: "http" | "https" } {
  const u = new URL(url);
  const protocol = u.protocol === "https:" ? "https" : "http";
  return { host: u.hostname, port: Number(u.port || (protocol === "https" ? 443 : 80)), protocol };
}
