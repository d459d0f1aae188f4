import { z } from "zod";
import { text } from "@/lib/text";
import { classifySecondFactorCode, RECOVERY_CODE_COUNT, SECOND_FACTOR_FORMAT_MESSAGE } from "./second-factor-code";

export { classifySecondFactorCode, RECOVERY_CODE_COUNT, SECOND_FACTOR_FORMAT_MESSAGE };

const totpCode = z
  .string({ error: "Enter the 6-digit code from your authenticator app" })
  .max(32, "Enter the 6-digit code from your authenticator app")
  .transform((raw) => raw.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"));

export const secondFactorCode = z
  .string({ error: "Enter a code" })
  .max(64, SECOND_FACTOR_FORMAT_MESSAGE)
  .refine((raw) => classifySecondFactorCode(raw) !== null, SECOND_FACTOR_FORMAT_MESSAGE);

export const twoFactorStatus = z.object({ enabled: z.boolean(), recoveryCodesRemaining: z.number().int().min(0) });
export type TwoFactorStatus = z.infer<typeof twoFactorStatus>;

export const enrollment = z.object({
  /** otpauth:// URI, what the QR code encodes. */
  keyUri: z.string(),
  /** The key in base32, in groups of four, for typing into an app by hand. */
  manualKey: z.string(),
  qrSvg: z.string(),
  /** The key sealed under the app secret: nothing pending is stored, and the client can't forge one. */
  enrollmentToken: z.string(),
});
export type Enrollment = z.infer<typeof enrollment>;

export const confirmEnrollmentInput = z.object({
  enrollmentToken: text("Setup", { required: "Start the setup again" }).min(1, "Start the setup again").max(512, "Start the setup again"),
  code: totpCode,
});
export type ConfirmEnrollmentInput = z.input<typeof confirmEnrollmentInput>;

export const recoveryCodesOutput = z.object({ recoveryCodes: z.array(z.string()).length(RECOVERY_CODE_COUNT) });
export type RecoveryCodes = z.infer<typeof recoveryCodesOutput>;

export const disableTwoFactorInput = z.object({
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024, "That password is too long"),
  code: secondFactorCode,
});
export type DisableTwoFactorInput = z.input<typeof disableTwoFactorInput>;

export const regenerateRecoveryCodesInput = z.object({ code: secondFactorCode });

export const verifySignInInput = z.object({
  code: secondFactorCode,
  /** Where sign-in started; used only when it is a path on this site. */
  next: z.string().max(2048).nullish(),
});
export const verifySignInOutput = z.object({ redirectTo: z.string() });

