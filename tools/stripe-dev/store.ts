/**
 * Stripe objects as JSON documents in `stripe_dev.objects`. Fields whose names start with `_`
 * are the gateway's private bookkeeping (a test card's behaviour, a session's line items) and
 * never leave it: `render` strips them and expands what the caller asked for.
 */
import { randomBytes } from "node:crypto";
import type { TransactionSql } from "postgres";
import { noSuch, StripeError } from "./errors";
import type { Params } from "./form";

// Stripe objects are open JSON documents; their shapes are checked where it matters, by the
// contract tests reading them through the `stripe` SDK's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;
export type Db = TransactionSql;

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function newId(prefix: string, length = 24): string {
  return `${prefix}_${Array.from(randomBytes(length), (b) => ALPHABET[b % 62]).join("")}`;
}

const KIND: Record<string, string> = {
  customer: "customer",
  product: "product",
  price: "price",
  subscription: "subscription",
  invoice: "invoice",
  invoiceitem: "invoice item",
  payment_method: "payment_method",
  payment_intent: "payment_intent",
  "checkout.session": "checkout.session",
  "billing_portal.session": "billing portal session",
  "billing.meter": "billing meter",
  "test_helpers.test_clock": "test clock",
};

export async function find(db: Db, id: string): Promise<Obj | null> {
  const [row] = await db<{ data: Obj }[]>`select data from stripe_dev.objects where id = ${id}`;
  return row?.data ?? null;
}

/** The object of that type with that id, or Stripe's 404 naming it. */
export async function load(db: Db, type: string, id: string, param = "id"): Promise<Obj> {
  const obj = await find(db, id);
  if (!obj || obj.object !== type || obj.deleted) throw noSuch(KIND[type] ?? type, id, param);
  return obj;
}

export async function save<T extends Obj>(db: Db, obj: T): Promise<T> {
  await db`
    insert into stripe_dev.objects (id, type, data) values (${obj.id}, ${obj.object}, ${db.json(obj as never)})
    on conflict (id) do update set data = excluded.data`;
  return obj;
}

/** Newest first, as Stripe lists. Small dev volumes: filtering happens in the caller. */
export async function all(db: Db, type: string, where: { customer?: string } = {}): Promise<Obj[]> {
  const rows = where.customer
    ? await db<{ data: Obj }[]>`select data from stripe_dev.objects where type = ${type} and data->>'customer' = ${where.customer} order by seq desc`
    : await db<{ data: Obj }[]>`select data from stripe_dev.objects where type = ${type} order by seq desc`;
  return rows.map((r) => r.data).filter((o) => !o.deleted);
}

export function strip<T>(value: T): T {
  if (Array.isArray(value)) return value.map(strip) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith("_")).map(([k, v]) => [k, strip(v)])) as T;
  }
  return value;
}

/** The public form of an object, with `expand[]` paths (`latest_invoice`, `data.customer`, …) resolved. */
export async function render(db: Db, obj: Obj, expand: string[] = []): Promise<Obj> {
  let out = strip(obj);
  for (const path of expand) out = (await expandPath(db, out, path.split("."), path)) as Obj;
  return out;
}

async function expandPath(db: Db, value: unknown, path: string[], full: string): Promise<unknown> {
  if (path.length === 0) return value;
  if (Array.isArray(value)) return Promise.all(value.map((v) => expandPath(db, v, path, full)));
  if (!value || typeof value !== "object") return value;
  const [head, ...rest] = path as [string, ...string[]];
  const node = { ...(value as Obj) };
  let child = node[head];
  if (typeof child === "string") {
    const target = await find(db, child);
    if (!target) throw new StripeError(400, "invalid_request_error", `This property cannot be expanded (${full}).`, { param: "expand" });
    child = strip(target);
  } else if (child === undefined) {
    throw new StripeError(400, "invalid_request_error", `This property cannot be expanded (${full}).`, { param: "expand" });
  }
  node[head] = await expandPath(db, child, rest, full);
  return node;
}

/** Stripe's list envelope with `limit` (1–100, default 10), `starting_after`, `ending_before`. */
export async function page(db: Db, items: Obj[], params: Params, url: string, expand: string[] = []) {
  const rawLimit = params.limit === undefined ? 10 : Number(params.limit);
  if (!Number.isInteger(rawLimit) || rawLimit < 1 || rawLimit > 100) {
    throw new StripeError(400, "invalid_request_error", "Invalid limit: must be an integer between 1 and 100", { param: "limit" });
  }
  let slice = items;
  if (typeof params.starting_after === "string") {
    const at = items.findIndex((o) => o.id === params.starting_after);
    if (at === -1) throw noSuch("object", params.starting_after, "starting_after");
    slice = items.slice(at + 1);
  } else if (typeof params.ending_before === "string") {
    const at = items.findIndex((o) => o.id === params.ending_before);
    if (at === -1) throw noSuch("object", params.ending_before, "ending_before");
    slice = items.slice(Math.max(0, at - rawLimit), at);
  }
  const data = slice.slice(0, rawLimit);
  const itemExpand = expand.filter((e) => e.startsWith("data.")).map((e) => e.slice(5));
  return {
    object: "list",
    data: await Promise.all(data.map((o) => render(db, o, itemExpand))),
    has_more: slice.length > data.length,
    url,
  };
}
