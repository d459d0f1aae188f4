/**
 * The fixed keys of the local Stripe-protocol server (tools/stripe-dev). Not secrets: they are
 * only ever accepted by that loopback dev tool, never by Stripe, and the app uses them only when
 * STRIPE_SECRET_KEY is unset (src/server/stripe/client.ts).
 */
export const STRIPE_DEV_SECRET_KEY = "sk_test_groundwork_local_gateway";
export const STRIPE_DEV_WEBHOOK_SECRET = "whsec_groundwork_local_gateway";
