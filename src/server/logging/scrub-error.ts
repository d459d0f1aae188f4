import pino from "pino";

/**
 * The `err` serializer: pino's, minus every value a database error carries. drizzle's
 * DrizzleQueryError puts the bound parameters in its message ("Failed query: …\nparams: …",
 * and so in its stack) and in `params`; postgres.js attaches `parameters`/`args` (enumerable
 * in debug mode); a PostgresError's `detail` repeats the offending row ("Key (key)=(ip:…)").
 * Session hashes, rate-limit keys with addresses and user text are such values. The SQL text
 * stays: it holds placeholders, not values.
 */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const texts = paramTexts(err);
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const field of ["message", "stack"] as const) {
    if (typeof out[field] === "string") out[field] = scrubText(out[field] as string, texts);
  }
  for (const key of ["params", "parameters", "args", "types"]) delete out[key];
  if (typeof out.detail === "string") out.detail = scrubDetail(out.detail);
  return out;
}

/** The exact "\nparams: …" strings drizzle wrote into messages along the cause chain. */
function paramTexts(err: Error): string[] {
  const texts: string[] = [];
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    const params = (e as { params?: unknown }).params;
    if (Array.isArray(params)) texts.push(`\nparams: ${String(params)}`);
    const detail = (e as { detail?: unknown }).detail;
    if (typeof detail === "string") texts.push(detail);
  }
  return texts.filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
}

function scrubText(text: string, texts: string[]): string {
  let out = text;
  for (const t of texts) out = out.split(t).join(t.startsWith("\nparams: ") ? "\nparams: [redacted]" : scrubDetail(t));
  return out;
}

/** "Key (api_key_id, window)=(…, …) already exists." → the columns without the values. */
export const scrubDetail = (detail: string) => detail.replace(/=\([\s\S]*\)/, "=([redacted])");
