/**
 * The second-factor code format, without zod: the two-factor forms (sign-in and account pages)
 * check it in the browser, and zod's runtime would double what those pages load (decision 041).
 * two-factor-schemas.ts builds its schemas from these.
 */
export const RECOVERY_CODE_COUNT = 10;

/** Spaces and dashes are how people copy codes; neither is part of the code. */
const compact = (raw: string) => raw.replace(/[\s-]+/g, "").toLowerCase();

/**
 * A second factor typed by a person: 6 digits from the app, or a recovery code
 * ("abcde-fghij", base32). The two formats can't be confused: lengths differ.
 */
export function classifySecondFactorCode(raw: string): { kind: "totp"; code: string } | { kind: "recovery"; code: string } | null {
  const code = compact(raw);
  if (/^\d{6}$/.test(code)) return { kind: "totp", code };
  if (/^[a-z2-7]{10}$/.test(code)) return { kind: "recovery", code };
  return null;
}

export const SECOND_FACTOR_FORMAT_MESSAGE = "Enter the 6-digit code from your authenticator app, or a recovery code like abcde-fghij";
