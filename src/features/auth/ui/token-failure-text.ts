import type { TokenFailure } from "../schemas";

export const TOKEN_FAILURE_TEXT: Record<"verify" | "reset" | "changeEmail", Record<TokenFailure, string>> = {
  verify: {
    invalid: "This verification link isn't valid. Check that you opened the whole link from the email, or sign in and send a new one.",
    expired: "This verification link has expired (links last 24 hours). Sign in and use “Resend” to get a new one.",
    used: "This verification link was already used. If your address shows as verified, you're all set.",
  },
  reset: {
    invalid: "This reset link isn't valid. Check that you opened the whole link from the email, or request a new one.",
    expired: "This reset link has expired (links last 1 hour). Request a new one.",
    used: "This reset link was already used. Request a new one if you still need to reset your password.",
  },
  changeEmail: {
    invalid: "This confirmation link isn't valid. Check that you opened the whole link from the email.",
    expired: "This confirmation link has expired (links last 24 hours). Request the change again from your account page.",
    used: "This confirmation link was already used, or a newer change was requested since.",
  },
};
