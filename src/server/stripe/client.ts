import "server-only";
import Stripe from "stripe";
import { env } from "@/server/env";

/**
 * PLACEHOLDER until the `stripe-dev` branch lands its client factory (this file is theirs):
 * the SDK against Stripe when STRIPE_SECRET_KEY is set, else against the local server.
 */
let instance: Stripe | null = null;
export function stripeClient(): Stripe {
  if (instance) return instance;
  if (env.STRIPE_SECRET_KEY) return (instance = new Stripe(env.STRIPE_SECRET_KEY, { maxNetworkRetries: 1 }));
  const url = new URL(process.env.STRIPE_DEV_URL ?? "http://127.0.0.1:12111");
  return (instance = new Stripe("sk_test_groundwork_local", { host: url.hostname, port: Number(url.port), protocol: url.protocol.replace(":", "") as "http", maxNetworkRetries: 1 }));
}
