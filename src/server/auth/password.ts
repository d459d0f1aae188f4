import "server-only";
import fs from "node:fs";
import path from "node:path";
import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id at OWASP's second recommended setting (19 MiB, 2 passes, 1 lane): ~16 ms per hash here,
 * see docs/decisions/004-password-hashing.md.
 */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 10;
/** Long enough for any passphrase; anything longer is refused before hashing (no hash-DoS). */
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash to verify against when the account doesn't exist, so timing doesn't tell. */
let decoy: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoy ??= hashPassword("decoy-password-for-unknown-accounts");
  return decoy;
}

let common: Set<string> | null = null;
/** The 20,000 most common passwords of 10+ characters (SecLists top-1M, lower-cased). */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(fs.readFileSync(path.join(process.cwd(), "src/server/auth/common-passwords.txt"), "utf8").split("\n"));
  return common.has(password.toLowerCase());
}
