/** Stripe's error envelope: `{ error: { type, code, message, param, decline_code } }`. */
export type StripeErrorType = "invalid_request_error" | "card_error" | "api_error" | "authentication_error" | "idempotency_error" | "rate_limit_error";

export class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly type: StripeErrorType,
    message: string,
    readonly extra: { param?: string; code?: string; decline_code?: string; payment_method?: unknown } = {},
  ) {
    super(message);
  }

  body() {
    return { error: { type: this.type, message: this.message, ...this.extra } };
  }
}

export const noSuch = (kind: string, id: string, param = "id") =>
  new StripeError(404, "invalid_request_error", `No such ${kind}: '${id}'`, { param, code: "resource_missing" });

export const invalidRequest = (message: string, param?: string) => new StripeError(400, "invalid_request_error", message, param ? { param } : {});

/** A feature Stripe has but this gateway does not: loud, and says what to do instead. */
export const unsupported = (what: string, param?: string) =>
  new StripeError(400, "invalid_request_error", `The local Stripe gateway (tools/stripe-dev) does not implement ${what}. Extend it (and its contract tests) or use real Stripe test keys.`, param ? { param } : {});
