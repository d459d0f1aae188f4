import "server-only";
import { isIP } from "node:net";

/** A domain as rules store it: lower case, no scheme, path, port or trailing dot. */
export function normalizeDomain(value: string): string | null {
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/^\*\./, "")
    .replace(/^@/, "")
    .split(/[/?#:]/)[0]!
    .replace(/\.$/, "");
  return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(host) ? host : null;
}

/** `domain` and each parent with at least two labels: mail.spam.example → itself, spam.example. */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split(".");
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join("."));
  return out;
}

/** "203.0.113.0/24", "2001:db8::/32" or a single address (stored with its full prefix). */
export function normalizeIpRange(value: string): { cidr: string; address: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [address = "", prefixText, ...rest] = value.trim().toLowerCase().split("/");
  if (rest.length > 0) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 1 || prefix > max) return null;
  return { cidr: `${address}/${prefix}`, address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

/** A workspace name as reserved names compare: case, spacing and punctuation don't matter. */
export const normalizeReservedName = (name: string) => name.normalize("NFKC").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
