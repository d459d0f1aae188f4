/**
 * The test-control API (loopback, never part of Stripe's): webhook endpoint, hold/release,
 * duplicate delivery, failing deliveries, and simulated outages. Same calls in-process
 * (`server.control`) and over HTTP under /_dev for e2e, which runs in another process.
 */
import type { Sql } from "postgres";
import { emit, realNow } from "./context";
import type { GatewayMode } from "./http-server";
import { advanceClock } from "./renewals";
import type { Runner } from "./runner";
import { all, find, load, newId, save, type Obj } from "./store";
import type { Attempt, Deliveries, WebhookEndpoint } from "./webhooks";

export type ControlState = { endpoint: WebhookEndpoint | null; hold: boolean; heldCustomers: Set<string>; mode: GatewayMode };

export type DeliveryRow = { eventId: string; type: string; url: string; status: string; attempts: number; lastStatus: number | null; lastError: string | null };

export function createControl(sql: Sql, state: ControlState, deliveries: Deliveries, run: Runner) {
  const control = {
    /**
     * Moves a customer `days` forward in time (renewals, usage invoices, payment retries) — for
     * e2e, where the app created the customer without a test clock: the first call puts the
     * customer and its subscriptions on a new clock frozen at the current time. Not a Stripe API:
     * with Stripe, create the customer with `test_clock` and advance that clock.
     */
    advanceCustomer(customerId: string, days: number): Promise<Obj> {
      return run({ id: null, idempotency_key: null }, async (ctx) => {
        const customer = await load(ctx.db, "customer", customerId, "customer");
        let clock = customer.test_clock ? await load(ctx.db, "test_helpers.test_clock", customer.test_clock) : null;
        if (!clock) {
          const now = realNow();
          clock = await save(ctx.db, { id: newId("clock"), object: "test_helpers.test_clock", created: now, deletes_after: now + 30 * 86_400, frozen_time: now, livemode: false, name: `advance ${customerId}`, status: "ready", status_details: {} });
          await save(ctx.db, { ...customer, test_clock: clock.id });
          for (const sub of await all(ctx.db, "subscription", { customer: customerId })) await save(ctx.db, { ...sub, test_clock: clock.id });
        }
        await emit(ctx, "test_helpers.test_clock.advancing", { ...clock, status: "advancing" });
        await advanceClock(ctx, clock, clock.frozen_time + Math.round(days * 86_400));
        await emit(ctx, "test_helpers.test_clock.ready", clock, undefined, clock.frozen_time);
        return (await find(ctx.db, clock.id))!;
      });
    },
    setWebhookEndpoint(endpoint: WebhookEndpoint | null) {
      state.endpoint = endpoint;
    },
    /** Events from now on are stored but not delivered until `release`. */
    hold() {
      state.hold = true;
    },
    /** Delivers the held events one by one, in creation order or reversed, and stops holding. */
    async release(order: "original" | "reversed" = "original"): Promise<Attempt[]> {
      state.hold = false;
      return deliveries.release(order);
    },
    /**
     * Events about this customer from now on are stored but not delivered until
     * `releaseCustomer`; other customers' go out as usual (an e2e server is shared by parallel tests).
     */
    holdCustomer(customerId: string) {
      state.heldCustomers.add(customerId);
    },
    /** Delivers this customer's held events one by one, in creation order or reversed, and stops holding them. */
    async releaseCustomer(customerId: string, order: "original" | "reversed" = "original"): Promise<Attempt[]> {
      state.heldCustomers.delete(customerId);
      return deliveries.release(order, customerId);
    },
    /** Sends one event to the endpoint `times` times at once. */
    deliver: (eventId: string, times = 1) => deliveries.deliverEvent(eventId, times),
    /** The next `count` delivery attempts fail without reaching the endpoint (then retry with backoff). */
    failDeliveries: (count: number) => deliveries.failNext(count),
    /** Due-now retry of every pending delivery, skipping the backoff wait. */
    retryDeliveries: () => deliveries.retryNow(),
    /** "down": every API call and page answers 503; "refuse": connections are dropped; "up": normal. */
    setGatewayMode(mode: GatewayMode) {
      state.mode = mode;
    },
    async events(type?: string): Promise<Obj[]> {
      const rows = await sql<{ data: Obj }[]>`select data from stripe_dev.events where ${type ? sql`type = ${type}` : sql`true`} order by seq`;
      return rows.map((r) => r.data);
    },
    async deliveries(eventId?: string): Promise<DeliveryRow[]> {
      return sql<DeliveryRow[]>`
        select d.event_id as "eventId", e.type, d.url, d.status, d.attempts, d.last_status as "lastStatus", d.last_error as "lastError"
        from stripe_dev.deliveries d join stripe_dev.events e on e.id = d.event_id
        where ${eventId ? sql`d.event_id = ${eventId}` : sql`true`} order by d.id`;
    },
  };

  async function http(method: string, path: string, body: Obj, query: URLSearchParams): Promise<[number, unknown]> {
    let m: RegExpMatchArray | null;
    try {
      if (method === "GET" && path === "/_dev/health") return [200, { ok: true, mode: state.mode, endpoint: state.endpoint?.url ?? null, hold: state.hold }];
      if (method === "POST" && path === "/_dev/webhooks/endpoint") {
        if (body.url !== null && typeof body.url !== "string") return [400, { error: "expected { url: string | null, secret?: string }" }];
        control.setWebhookEndpoint(body.url ? { url: body.url, secret: body.secret ?? state.endpoint?.secret ?? "" } : null);
        return [200, { endpoint: state.endpoint?.url ?? null }];
      }
      if (method === "POST" && path === "/_dev/webhooks/hold") return control.hold(), [200, { hold: true }];
      if (method === "POST" && path === "/_dev/webhooks/release") {
        const order = body.order ?? "original";
        if (order !== "original" && order !== "reversed") return [400, { error: 'order must be "original" or "reversed"' }];
        return [200, { deliveries: await control.release(order) }];
      }
      if (method === "POST" && path === "/_dev/webhooks/fail") {
        if (!Number.isInteger(body.count) || body.count < 0) return [400, { error: "expected { count: integer >= 0 }" }];
        return control.failDeliveries(body.count), [200, { failing: body.count }];
      }
      if (method === "POST" && path === "/_dev/webhooks/retry") return await control.retryDeliveries(), [200, { ok: true }];
      if (method === "POST" && (m = path.match(/^\/_dev\/events\/([^/]+)\/deliver$/))) {
        const times = body.times ?? 1;
        if (!Number.isInteger(times) || times < 1 || times > 100) return [400, { error: "times must be an integer from 1 to 100" }];
        return [200, { deliveries: await control.deliver(m[1]!, times) }];
      }
      if (method === "POST" && (m = path.match(/^\/_dev\/customers\/([^/]+)\/webhooks\/hold$/))) return control.holdCustomer(m[1]!), [200, { held: m[1] }];
      if (method === "POST" && (m = path.match(/^\/_dev\/customers\/([^/]+)\/webhooks\/release$/))) {
        const order = body.order ?? "original";
        if (order !== "original" && order !== "reversed") return [400, { error: 'order must be "original" or "reversed"' }];
        return [200, { deliveries: await control.releaseCustomer(m[1]!, order) }];
      }
      if (method === "POST" && (m = path.match(/^\/_dev\/customers\/([^/]+)\/advance$/))) {
        if (typeof body.days !== "number" || body.days <= 0 || body.days > 3650) return [400, { error: "expected { days: number > 0 }" }];
        return [200, { clock: await control.advanceCustomer(m[1]!, body.days) }];
      }
      if (method === "GET" && path === "/_dev/events") return [200, { events: await control.events(query.get("type") ?? undefined) }];
      if (method === "GET" && path === "/_dev/deliveries") return [200, { deliveries: await control.deliveries(query.get("event_id") ?? undefined) }];
      if (method === "POST" && path === "/_dev/gateway") {
        if (!["up", "down", "refuse"].includes(body.mode)) return [400, { error: 'mode must be "up", "down" or "refuse"' }];
        return control.setGatewayMode(body.mode), [200, { mode: state.mode }];
      }
    } catch (error) {
      return [400, { error: (error as Error).message }];
    }
    return [404, { error: `no control route ${method} ${path}; see tools/stripe-dev/README.md` }];
  }

  return { control, http };
}

export type Control = ReturnType<typeof createControl>["control"];
