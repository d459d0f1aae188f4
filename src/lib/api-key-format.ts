/**
 * API key format: `gw_live_` or `gw_test_`, 30 random base62 characters, then a 6-character
 * base62 CRC32 of everything before it (GitHub's token scheme). The fixed prefix lets secret
 * scanners recognise a leaked key; the checksum lets us refuse a mistyped or made-up key
 * without touching the database. Pure: no I/O, no secrets.
 */
export const API_KEY_PREFIXES = { live: "gw_live_", test: "gw_test_" } as const;
export type KeyEnvironment = keyof typeof API_KEY_PREFIXES;

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
export const API_KEY_LENGTH = 8 + RANDOM_LENGTH + CHECKSUM_LENGTH;
/** Characters kept in clear for display ("gw_live_Ab12"): prefix + 4, about 24 bits of the 178. */
export const VISIBLE_START_LENGTH = 12;
export const API_KEY_PATTERN = /^gw_(live|test)_[0-9A-Za-z]{36}$/;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function checksum(body: string): string {
  let n = crc32(body);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = ALPHABET[n % 62]! + out;
    n = Math.floor(n / 62);
  }
  return out;
}

/** Uniform base62: bytes ≥ 248 are redrawn so no character is more likely than another. */
function randomBase62(length: number): string {
  let out = "";
  const bytes = new Uint8Array(length * 2);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    for (const b of bytes) {
      if (b < 248 && out.length < length) out += ALPHABET[b % 62];
    }
  }
  return out;
}

export function generateApiKey(environment: KeyEnvironment): string {
  const body = API_KEY_PREFIXES[environment] + randomBase62(RANDOM_LENGTH);
  return body + checksum(body);
}

export type ParsedApiKey = { environment: KeyEnvironment; key: string };

/** The key if it is well-formed and its checksum matches; null otherwise (no lookup needed). */
export function parseApiKey(candidate: string): ParsedApiKey | null {
  const match = API_KEY_PATTERN.exec(candidate);
  if (!match) return null;
  const body = candidate.slice(0, API_KEY_LENGTH - CHECKSUM_LENGTH);
  if (checksum(body) !== candidate.slice(-CHECKSUM_LENGTH)) return null;
  return { environment: match[1] as KeyEnvironment, key: candidate };
}

export const visibleStart = (key: string) => key.slice(0, VISIBLE_START_LENGTH);
