/**
 * What every API call, page action and clock advance runs with: one Postgres transaction (the
 * objects it changes and the events it emits commit together), the request it came from, and
 * the gateway's notion of now — a customer on a test clock lives at the clock's frozen time.
 */
import Stripe from "stripe";
import { find, newId, strip, type Db, type Obj } from "./store";

/** The API version the pinned SDK sends; events are shaped for it. */
export const API_VERSION: string = Stripe.API_VERSION;

export type Ctx = {
  db: Db;
  baseUrl: string;
  request: { id: string | null; idempotency_key: string | null };
  /**
   * Endpoint URLs new events are queued for; `hold` queues them all as held, `heldCustomers`
   * those about one of these customers (test controls).
   */
  webhooks: { urls: string[]; hold: boolean; heldCustomers: ReadonlySet<string> };
};

export const realNow = () => Math.floor(Date.now() / 1000);

/** Seconds since the epoch for this customer: its test clock's frozen time, else the wall clock. */
export async function nowFor(ctx: Ctx, customer: Obj | string | null | undefined): Promise<number> {
  const c = typeof customer === "string" ? await find(ctx.db, customer) : customer;
  if (c?.test_clock) {
    const clock = await find(ctx.db, c.test_clock);
    if (clock) return clock.frozen_time as number;
  }
  return realNow();
}

/**
 * Records an event as Stripe shapes it (`data.object` a snapshot, `previous_attributes` the
 * changed fields' old values) and queues a delivery per configured endpoint, in the caller's
 * transaction: an event exists exactly when the change it describes does.
 */
export async function emit(ctx: Ctx, type: string, object: Obj, previous?: Obj, created?: number): Promise<Obj> {
  const event = {
    id: newId("evt"),
    object: "event",
    api_version: API_VERSION,
    created: created ?? realNow(),
    data: { object: strip(object), ...(previous && Object.keys(previous).length ? { previous_attributes: strip(previous) } : {}) },
    livemode: false,
    pending_webhooks: ctx.webhooks.urls.length,
    request: { ...ctx.request },
    type,
  };
  await ctx.db`insert into stripe_dev.events (id, type, data) values (${event.id}, ${type}, ${ctx.db.json(event as never)})`;
  const customer = customerOf(object);
  const held = ctx.webhooks.hold || (customer !== null && ctx.webhooks.heldCustomers.has(customer));
  for (const url of ctx.webhooks.urls) {
    await ctx.db`insert into stripe_dev.deliveries (event_id, url, status) values (${event.id}, ${url}, ${held ? "held" : "pending"})`;
  }
  return event;
}

/** The customer an event's object is about: the customer itself, or its `customer` field. */
function customerOf(object: Obj): string | null {
  if (object.object === "customer") return object.id as string;
  const c = object.customer as string | { id: string } | null | undefined;
  return typeof c === "string" ? c : (c?.id ?? null);
}

/** The changed top-level fields' previous values, for `previous_attributes`. */
export function changed(before: Obj, after: Obj): Obj {
  const out: Obj = {};
  for (const key of Object.keys(after)) {
    if (key.startsWith("_")) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = before[key] ?? null;
  }
  return out;
}
