import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";

import { DISPLAY_NAME_MAX, EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN } from "./limits";
import { SECURITY_LOG_PAGE_SIZE } from "./constants";
export * from "./constants";

export { DISPLAY_NAME_MAX, EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN };

// C0/C1 controls (NUL included), bidi overrides and isolates (they reorder what others see),
// zero-width space/BOM and line separators. Joiners (U+200C/U+200D) stay: emoji and several
// scripts need them.
const FORBIDDEN_IN_NAMES = /[\p{Cc}\u200B\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/u;
const CONTROL_CHARACTERS = /\p{Cc}/u;

export const emailSchema = (label = "Email") =>
  text(label)
    .max(EMAIL_MAX * 4, { error: `${label} must be at most ${EMAIL_MAX} characters`, abort: true })
    .trim()
    .toLowerCase()
    .min(1, `${label} is required`)
    .max(EMAIL_MAX, { error: `${label} must be at most ${EMAIL_MAX} characters`, abort: true })
    .pipe(z.email({ error: `${label} must be a valid address, like name@example.com` }));

export const displayNameSchema = text("Display name")
  .max(DISPLAY_NAME_MAX * 4, { error: `Display name must be at most ${DISPLAY_NAME_MAX} characters`, abort: true })
  .trim()
  .overwrite((value) => value.normalize("NFC"))
  .min(1, "Display name is required")
  .max(DISPLAY_NAME_MAX, { error: `Display name must be at most ${DISPLAY_NAME_MAX} characters`, abort: true })
  .refine((value) => !FORBIDDEN_IN_NAMES.test(value), "Display name can't contain control or invisible formatting characters")
  // Names travel into email headers, CSV exports and other people's screens; markup has no place in one.
  .refine((value) => !/[<>]/.test(value), "Display name can't contain < or >");

/** A password being chosen: length first, so a megabyte of input is refused before any other work. */
export const newPasswordSchema = (label = "Password") =>
  z
    .string({ error: `${label} must be text` })
    .max(PASSWORD_MAX, { error: `${label} must be at most ${PASSWORD_MAX} characters`, abort: true })
    .overwrite((value) => value.normalize("NFC"))
    .min(PASSWORD_MIN, `${label} must be at least ${PASSWORD_MIN} characters`)
    .refine((value) => !CONTROL_CHARACTERS.test(value), `${label} can't contain control characters`);

/** A password being checked: no policy (it was set under older rules), only bounds. */
// Passwords are hashed, never stored as text, so they keep their own rules rather than text()'s.
export const currentPasswordSchema = (label = "Password") =>
  z
    .string({ error: `${label} must be text` })
    .max(PASSWORD_MAX, { error: `${label} must be at most ${PASSWORD_MAX} characters`, abort: true })
    .overwrite((value) => value.normalize("NFC"))
    .min(1, `Enter your ${label.toLowerCase()}`);

/** Emailed tokens are 32 base32 characters; anything else is answered as "invalid link", not a 400. */
export const emailedTokenSchema = z
  .string({ error: "Token must be text" })
  .trim()
  .min(1, "The link is missing its token")
  .max(128, "Token must be at most 128 characters");

/**
 * Where to go after signing in: a path on this site only — never "//host" or "/\host"
 * (browsers read both as another origin), nor anything a URL parser would move off-site.
 */
export function safeRedirectPath(next: string | null | undefined): string | null {
  if (!next || next.length > 2000) return null;
  if (!next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return null;
  if (CONTROL_CHARACTERS.test(next)) return null;
  const base = "http://same.invalid";
  try {
    return new URL(next, base).origin === base ? next : null;
  } catch {
    return null;
  }
}

const samePasswordAsEmail = (password: string, email: string) => password.trim().toLowerCase() === email;

const nextPathSchema = text("Next").max(2000, "Next must be at most 2000 characters").nullish();

export const signUpInput = z
  .object({ email: emailSchema(), displayName: displayNameSchema, password: newPasswordSchema(), next: nextPathSchema })
  .refine((v) => !samePasswordAsEmail(v.password, v.email), { path: ["password"], error: "Password can't be your email address" });
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: emailSchema(),
  password: currentPasswordSchema(),
  next: nextPathSchema,
});
export type SignInInput = z.infer<typeof signInInput>;

export const tokenInput = z.object({ token: emailedTokenSchema });
export type TokenInput = z.infer<typeof tokenInput>;

export const requestPasswordResetInput = z.object({ email: emailSchema() });
export type RequestPasswordResetInput = z.infer<typeof requestPasswordResetInput>;

export const resetPasswordInput = z.object({ token: emailedTokenSchema, password: newPasswordSchema("New password") });
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

export const changePasswordInput = z
  .object({ currentPassword: currentPasswordSchema("Current password"), newPassword: newPasswordSchema("New password") })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ["newPassword"], error: "New password must be different from your current one" });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const requestEmailChangeInput = z.object({ newEmail: emailSchema("New email"), password: currentPasswordSchema() });
export type RequestEmailChangeInput = z.infer<typeof requestEmailChangeInput>;

export const securityLogInput = z.object({
  limit: z.number({ error: "Limit must be a number" }).int("Limit must be a whole number").min(1, "Limit must be at least 1").max(50, "Limit must be at most 50").default(SECURITY_LOG_PAGE_SIZE),
  cursor: idSchema.nullish(),
});
export type SecurityLogInput = z.output<typeof securityLogInput>;

// ---- outputs: the DTOs; anything not listed here (hashes, keys) is stripped ----

export const viewerDto = z.object({
  id: idSchema,
  email: z.string(),
  displayName: z.string(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  staffRole: z.enum(["support", "product", "admin"]).nullable(),
});
export type ViewerDto = z.infer<typeof viewerDto>;

export const signedInResult = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("signed_in"), redirectTo: z.string() }),
  z.object({ kind: z.literal("two_factor_required") }),
]);
export type SignedInResult = z.infer<typeof signedInResult>;

export const signUpOutput = z.object({ kind: z.literal("signed_in"), redirectTo: z.string() });
export const signOutOutput = z.object({ kind: z.literal("signed_out") });

export const TOKEN_FAILURES = ["invalid", "expired", "used"] as const;
export type TokenFailure = (typeof TOKEN_FAILURES)[number];
const tokenFailure = z.object({ kind: z.literal("invalid_token"), reason: z.enum(TOKEN_FAILURES) });

export const verifyEmailOutput = z.discriminatedUnion("kind", [z.object({ kind: z.literal("verified"), email: z.string() }), tokenFailure]);
export const resendVerificationOutput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sent"), email: z.string() }),
  z.object({ kind: z.literal("already_verified") }),
]);
export const requestPasswordResetOutput = z.object({ kind: z.literal("sent") });
export const resetPasswordOutput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("signed_in"), redirectTo: z.string() }),
  z.object({ kind: z.literal("two_factor_required") }),
  tokenFailure,
]);
export const changePasswordOutput = z.object({ kind: z.literal("changed"), otherSessionsSignedOut: z.number().int() });
export const requestEmailChangeOutput = z.object({ kind: z.literal("sent"), newEmail: z.string() });
export const confirmEmailChangeOutput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("changed"), email: z.string() }),
  z.object({ kind: z.literal("email_taken"), email: z.string() }),
  tokenFailure,
]);

export const securityEvent = z.object({
  id: idSchema,
  type: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** "Chrome 156 on Linux": the same words as the sessions page (`describeDevice`). */
  device: z.string(),
  details: z.string().nullable(),
  createdAt: z.date(),
});
export type SecurityEvent = z.infer<typeof securityEvent>;
export const securityLogOutput = z.object({ items: z.array(securityEvent), nextCursor: idSchema.nullable() });

/** Told only after the right password (a lock reveals nothing to someone guessing); the form links to /support. */
export { ACCOUNT_LOCKED_MESSAGE } from "./limits";
