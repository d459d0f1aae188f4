/** Durations and instants as the SDK encodes them (`timeStr` in helpers/strings.js). */

const UNITS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/** "2h30m10s" → ms. The SDK only emits w/d/h/m/s; "" means zero. */
export function parseDuration(text: string): number {
  if (text === "") return 0;
  if (!/^(\d+(ms|[wdhms]))+$/.test(text)) throw new Error(`unsupported duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)(ms|[wdhms])/g)) total += Number(n) * UNITS[unit!]!;
  return total;
}

/** A sleep's op `name`: a duration from now, or an ISO instant (sleepUntil). */
export function resolveWakeTime(name: string, now = Date.now()): Date {
  if (/^\d{4}-\d{2}-\d{2}T/.test(name)) {
    const at = Date.parse(name);
    if (Number.isNaN(at)) throw new Error(`unsupported sleep target ${JSON.stringify(name)}`);
    return new Date(at);
  }
  return new Date(now + parseDuration(name));
}

/** The `retry-after` header: seconds, or an HTTP/ISO date (RetryAfterError with a Date). */
export function parseRetryAfter(header: string | null, now = Date.now()): Date | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return new Date(now + Number(header) * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : new Date(at);
}
