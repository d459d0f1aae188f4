/**
 * Stripe's test cards (notes/stripe-protocol.md). What a card does is decided when it is
 * entered and remembered on the payment method (`_behaviour`), as Stripe's test cards behave.
 */
import { StripeError } from "./errors";

export type CardBehaviour = "succeeds" | "fails_on_charge";

type TestCard = { brand: string; behaviour: CardBehaviour | "declined" | "insufficient_funds" | "expired" | "authentication" };

const TEST_CARDS: Record<string, TestCard> = {
  "4242424242424242": { brand: "visa", behaviour: "succeeds" },
  "5555555555554444": { brand: "mastercard", behaviour: "succeeds" },
  "4000000000000002": { brand: "visa", behaviour: "declined" },
  "4000000000009995": { brand: "visa", behaviour: "insufficient_funds" },
  "4000000000000069": { brand: "visa", behaviour: "expired" },
  // Stripe: attaching succeeds, every charge fails. Here the checkout's first charge succeeds
  // too, so a renewal failure is one checkout away (docs/decisions: local Stripe gateway).
  "4000000000000341": { brand: "visa", behaviour: "fails_on_charge" },
  "4000002500003155": { brand: "visa", behaviour: "authentication" },
};

export const DECLINED = "Your card was declined.";

export function cardDeclined(declineCode = "generic_decline", message = DECLINED, paymentMethod?: unknown) {
  return new StripeError(402, "card_error", message, { code: "card_declined", decline_code: declineCode, ...(paymentMethod ? { payment_method: paymentMethod } : {}) });
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** A typed card number → brand, last4 and behaviour, or the error Checkout would show. */
export function readCard(input: string, expiry: string, cvc: string): { brand: string; last4: string; exp_month: number; exp_year: number; behaviour: CardBehaviour } {
  const digits = input.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(digits) || !luhn(digits)) throw new StripeError(402, "card_error", "Your card number is invalid.", { code: "incorrect_number", param: "number" });
  const m = expiry.replace(/\s/g, "").match(/^(\d{1,2})\/(\d{2}|\d{4})$/);
  if (!m) throw new StripeError(402, "card_error", "Your card's expiration date is incomplete.", { code: "invalid_expiry_month", param: "exp_month" });
  const exp_month = Number(m[1]);
  const exp_year = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (exp_month < 1 || exp_month > 12) throw new StripeError(402, "card_error", "Your card's expiration month is invalid.", { code: "invalid_expiry_month", param: "exp_month" });
  if (new Date(Date.UTC(exp_year, exp_month)) < new Date()) throw new StripeError(402, "card_error", "Your card's expiration year is in the past.", { code: "invalid_expiry_year", param: "exp_year" });
  if (!/^\d{3,4}$/.test(cvc.trim())) throw new StripeError(402, "card_error", "Your card's security code is incomplete.", { code: "incomplete_cvc", param: "cvc" });
  const card = TEST_CARDS[digits];
  if (!card) throw cardDeclined("test_mode_live_card", "Your card was declined. Your request was in test mode, but used a non test card. For a list of valid test cards, visit: https://stripe.com/docs/testing.");
  switch (card.behaviour) {
    case "declined":
      throw cardDeclined();
    case "insufficient_funds":
      throw cardDeclined("insufficient_funds", "Your card has insufficient funds.");
    case "expired":
      throw new StripeError(402, "card_error", "Your card has expired.", { code: "expired_card", decline_code: "expired_card" });
    case "authentication":
      throw new StripeError(402, "card_error", "This card requires authentication (3-D Secure), which the local Stripe gateway does not implement. Use 4242 4242 4242 4242, or real Stripe test keys.", { code: "authentication_required", decline_code: "authentication_required" });
  }
  return { brand: card.brand, last4: digits.slice(-4), exp_month, exp_year, behaviour: card.behaviour };
}
