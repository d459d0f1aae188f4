import "server-only";
import { hashToken } from "@/server/auth/tokens";
import { RECOVERY_CODE_COUNT } from "../../two-factor-schemas";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** 50 random bits as "abcde-fghij" (a byte's low 5 bits are uniform: 256 is a multiple of 32). */
function generateRecoveryCode(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Plain codes for the person (shown once) and the SHA-256 of each for the database. */
export function generateRecoveryCodes(): { plain: string[]; hashes: string[] } {
  const plain = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  return { plain, hashes: plain.map((code) => hashRecoveryCode(code.replace("-", ""))) };
}

/** Takes the compact form ("abcdefghij") that classifySecondFactorCode returns. */
export const hashRecoveryCode = (compactCode: string) => hashToken(compactCode);
