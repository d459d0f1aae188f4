/**
 * Stripe's v1 wire format: `application/x-www-form-urlencoded` with bracket nesting, as the SDK
 * writes it (`qs` with indices: `items[0][price]=…`, `expand[0]=…`, `metadata[plan]=…`). GET and
 * DELETE carry the same encoding in the query string.
 */
import { StripeError } from "./errors";

export type Params = { [key: string]: Param };
export type Param = string | Param[] | Params;

export function parseForm(text: string): Params {
  const root: Params = {};
  if (!text) return root;
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    const path = splitKey(key);
    assign(root, path, value, key);
  }
  return arrays(root, []) as Params;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    throw new StripeError(400, "invalid_request_error", `The request body is not valid form encoding near ${JSON.stringify(text.slice(0, 40))}`);
  }
}

function splitKey(key: string): string[] {
  const first = key.indexOf("[");
  if (first === -1) return [key];
  const parts = [key.slice(0, first)];
  for (const [, inner] of key.slice(first).matchAll(/\[([^\]]*)\]/g)) parts.push(inner!);
  return parts;
}

function assign(root: Params, path: string[], value: string, key: string) {
  let node: Params = root;
  for (let i = 0; i < path.length - 1; i++) {
    const part = path[i] === "" ? String(Object.keys(node).length) : path[i]!;
    const next = node[part];
    if (typeof next === "string") throw new StripeError(400, "invalid_request_error", `Invalid parameter: ${key} (both a value and a hash)`, { param: key });
    node = (node[part] ??= {}) as Params;
  }
  const last = path[path.length - 1] === "" ? String(Object.keys(node).length) : path[path.length - 1]!;
  node[last] = value;
}

/** Objects keyed 0..n-1 become arrays, except inside `metadata`, whose keys are the caller's. */
function arrays(node: Param, path: string[]): Param {
  if (typeof node === "string" || Array.isArray(node)) return node;
  const inMetadata = path[path.length - 1] === "metadata";
  const entries = Object.entries(node).map(([k, v]) => [k, arrays(v, [...path, k])] as const);
  const keys = entries.map(([k]) => k);
  if (!inMetadata && keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

// ---- typed readers: each names the parameter in its error, as Stripe does ----

const invalid = (param: string, message: string) => new StripeError(400, "invalid_request_error", message, { param, code: "parameter_invalid_string" });

export function str(p: Params, name: string, opts: { required?: boolean } = {}): string | undefined {
  const v = p[name];
  if (v === undefined || v === "") {
    if (opts.required) throw new StripeError(400, "invalid_request_error", `Missing required param: ${name}.`, { param: name, code: "parameter_missing" });
    return undefined;
  }
  if (typeof v !== "string") throw invalid(name, `Invalid string: ${name} must be a string`);
  return v;
}

export function reqStr(p: Params, name: string): string {
  return str(p, name, { required: true })!;
}

export function int(p: Params, name: string, opts: { min?: number; required?: boolean } = {}): number | undefined {
  const v = str(p, name, opts);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw new StripeError(400, "invalid_request_error", `Invalid integer: ${v}`, { param: name, code: "parameter_invalid_integer" });
  const n = Number(v);
  if (opts.min !== undefined && n < opts.min) throw new StripeError(400, "invalid_request_error", `This value must be greater than or equal to ${opts.min}.`, { param: name, code: "parameter_invalid_integer" });
  return n;
}

export function num(p: Params, name: string): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(v)) throw new StripeError(400, "invalid_request_error", `Invalid decimal: ${v}`, { param: name });
  return Number(v);
}

export function bool(p: Params, name: string): boolean | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (v !== "true" && v !== "false") throw new StripeError(400, "invalid_request_error", `Invalid boolean: ${v}`, { param: name });
  return v === "true";
}

export function oneOf<T extends string>(p: Params, name: string, allowed: readonly T[]): T | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!allowed.includes(v as T)) throw new StripeError(400, "invalid_request_error", `Invalid ${name}: must be one of ${allowed.join(", ")}`, { param: name });
  return v as T;
}

export function hash(p: Params, name: string): Params | undefined {
  const v = p[name];
  if (v === undefined || v === "") return undefined;
  if (typeof v === "string" || Array.isArray(v)) throw new StripeError(400, "invalid_request_error", `Invalid object: ${name} must be a hash`, { param: name });
  return v;
}

export function list(p: Params, name: string): Params[] {
  const v = p[name];
  if (v === undefined || v === "") return [];
  if (!Array.isArray(v)) throw new StripeError(400, "invalid_request_error", `Invalid array: ${name} must be an array`, { param: name });
  return v.map((item, i) => {
    if (typeof item === "string" || Array.isArray(item)) throw new StripeError(400, "invalid_request_error", `Invalid object: ${name}[${i}] must be a hash`, { param: `${name}[${i}]` });
    return item;
  });
}

export function strings(p: Params, name: string): string[] {
  const v = p[name];
  if (v === undefined || v === "") return [];
  const values = Array.isArray(v) ? v : [v];
  return values.map((item, i) => {
    if (typeof item !== "string") throw new StripeError(400, "invalid_request_error", `Invalid string: ${name}[${i}]`, { param: `${name}[${i}]` });
    return item;
  });
}

/** `metadata[k]=v`; `metadata=` (empty) clears it, a key set to "" removes that key. */
export function metadata(p: Params, current: Record<string, string> = {}): Record<string, string> {
  if (p.metadata === "") return {};
  const m = hash(p, "metadata");
  if (!m) return current;
  const next = { ...current };
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== "string") throw new StripeError(400, "invalid_request_error", `Invalid metadata[${k}]: values must be strings`, { param: `metadata[${k}]` });
    if (v === "") delete next[k];
    else next[k] = v;
  }
  return next;
}

/** Stripe refuses parameters it does not know; so do we, naming the first one. */
export function onlyParams(p: Params, allowed: readonly string[]) {
  for (const key of Object.keys(p)) {
    if (!allowed.includes(key) && key !== "expand") {
      throw new StripeError(400, "invalid_request_error", `Received unknown parameter: ${key} (the local Stripe gateway implements: ${[...allowed, "expand"].join(", ")})`, { param: key, code: "parameter_unknown" });
    }
  }
}
