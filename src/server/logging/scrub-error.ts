import pino from "pino";

const REDACTED = "[redacted]";
/** Shorter values ("1", "new", "true") are not secrets and would blank ordinary words. */
const MIN_SCRUBBED_LENGTH = 4;

/**
 * The `err` serializer: pino's, minus every value a database error carries. drizzle's
 * DrizzleQueryError puts the bound parameters in its message ("Failed query: …\nparams: …",
 * and so in its stack) and in `params`; postgres.js keeps them in `parameters`/`args`
 * (enumerable in debug mode); Postgres repeats a value in its own message ("invalid input
 * syntax for type uuid: "…"") and in `detail` ("Key (key)=(ip:…) already exists"). Session
 * hashes, rate-limit keys with addresses and user text are such values. The SQL text stays:
 * it holds placeholders, not values.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const values = boundValues(err);
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const key of ["params", "parameters", "args", "types"]) delete out[key];
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === "string") out[key] = scrubText(key === "detail" ? scrubDetail(value) : value, values);
  }
  return out;
}

/** Every bound value along the cause chain, longest first (so a value containing another goes first). */
function boundValues(err: Error): string[] {
  const values = new Set<string>();
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    for (const key of ["params", "parameters"]) {
      const list = (e as unknown as Record<string, unknown>)[key];
      if (!Array.isArray(list)) continue;
      for (const v of list) {
        const text = v instanceof Date ? v.toISOString() : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
        if (text.length >= MIN_SCRUBBED_LENGTH) values.add(text);
      }
      // drizzle's message joins them with commas: "params: a,b,c".
      if (list.length > 0) values.add(list.map(String).join(","));
    }
  }
  return [...values].filter((v) => v.length >= MIN_SCRUBBED_LENGTH).sort((a, b) => b.length - a.length);
}

function scrubText(text: string, values: string[]): string {
  let out = text;
  for (const value of values) out = out.split(value).join(REDACTED);
  return out;
}

/** "Key (api_key_id, window)=(…, …) already exists." → the columns without the values. */
export const scrubDetail = (detail: string) => detail.replace(/=\([\s\S]*\)/, `=(${REDACTED})`);
