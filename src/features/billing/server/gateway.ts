import "server-only";
import type Stripe from "stripe";
import { AppError } from "@/server/errors";
import { stripeClient, stripeWebhookSecret } from "@/server/stripe/client";

/** The SDK instance every billing call goes through (Stripe, or the local Stripe-protocol server). */
export const gateway = (): Stripe => stripeClient();

/** The secret `Stripe-Signature` headers must be signed with (throws when no gateway is configured). */
export const webhookSecret = (): string => stripeWebhookSecret();

/**
 * What a failed gateway call means for an intent: `declined` and `rejected` are final (the
 * gateway answered no; its message is for the user), `unavailable` means we don't know whether
 * it happened, so the intent stays pending and is asked again with the same Idempotency-Key.
 */
export type GatewayFailure = { kind: "declined" | "rejected" | "unavailable"; message: string };

export function classifyGatewayError(error: unknown): GatewayFailure | null {
  const e = error as { type?: string; message?: string; statusCode?: number; rawType?: string } | null;
  if (!e || typeof e.type !== "string" || !e.type.startsWith("Stripe")) return null;
  const message = e.message ?? "The payment provider refused the request.";
  switch (e.type) {
    case "StripeCardError":
      return { kind: "declined", message };
    case "StripeConnectionError":
    case "StripeRateLimitError":
    case "StripeAPIError":
      return { kind: "unavailable", message };
    default:
      if ((e.statusCode ?? 0) >= 500) return { kind: "unavailable", message };
      return { kind: "rejected", message };
  }
}

/** For read-only calls (previews, invoices, portal): a gateway failure becomes a message, never a 500. */
export async function askGateway<T>(fn: (stripe: Stripe) => Promise<T>): Promise<T> {
  try {
    return await fn(gateway());
  } catch (error) {
    const failure = classifyGatewayError(error);
    if (!failure) throw error;
    if (failure.kind === "unavailable") {
      throw new AppError("SERVICE_UNAVAILABLE", { userMessage: "The payment provider isn't answering right now. Nothing was charged or changed; try again in a minute.", cause: error });
    }
    throw new AppError(failure.kind === "declined" ? "PAYMENT_REQUIRED" : "BAD_REQUEST", { userMessage: failure.message, cause: error });
  }
}
