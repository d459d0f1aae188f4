/**
 * Signed webhook delivery. Events are queued in `stripe_dev.deliveries` in the transaction that
 * made them; this loop POSTs each to its endpoint with `Stripe-Signature: t=…,v1=HMAC-SHA256(
 * secret, "t.body")`, and on a non-2xx answer or a network error retries with exponential
 * backoff (Stripe: up to three days; here `retryBaseMs` doubling, `maxAttempts` in all).
 * Pending deliveries survive a restart. Test controls: hold and release in any order, deliver
 * one event N times at once, fail the next N attempts.
 */
import { createHmac } from "node:crypto";
import type { Sql } from "postgres";
import type { Obj } from "./store";

export type WebhookEndpoint = { url: string; secret: string };

export type DeliveryOptions = { sql: Sql; endpoint: () => WebhookEndpoint | null; log: (line: string) => void; pollMs: number; retryBaseMs: number; maxAttempts: number; timeoutMs: number };

export type Attempt = { eventId: string; type: string; status: number | null; error: string | null };

export function signatureHeader(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${payload}`, "utf8").digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

type Row = { id: string; event_id: string; url: string; attempts: number; data: Obj };

export function startDeliveries(o: DeliveryOptions) {
  let failNext = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  const inFlight = new Set<Promise<unknown>>();

  async function post(event: Obj, url: string): Promise<{ status: number | null; error: string | null }> {
    if (failNext > 0) {
      failNext--;
      return { status: null, error: "simulated delivery failure (test control /_dev/webhooks/fail)" };
    }
    const endpoint = o.endpoint();
    const secret = endpoint?.secret ?? "";
    const body = JSON.stringify(event, null, 2);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": signatureHeader(body, secret), "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)" },
        body,
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? { status: response.status, error: null } : { status: response.status, error: `endpoint answered ${response.status}` };
    } catch (error) {
      return { status: null, error: (error as Error).cause ? String(((error as Error).cause as Error).message ?? (error as Error).cause) : (error as Error).message };
    }
  }

  async function attempt(row: Row): Promise<Attempt> {
    const result = await post(row.data, row.url);
    const attempts = row.attempts + 1;
    if (result.error === null) {
      await o.sql`update stripe_dev.deliveries set status = 'succeeded', attempts = ${attempts}, last_status = ${result.status}, last_error = null, updated_at = now() where id = ${row.id}`;
    } else {
      const gaveUp = attempts >= o.maxAttempts;
      const delay = Math.min(o.retryBaseMs * 2 ** (attempts - 1), 3_600_000);
      await o.sql`
        update stripe_dev.deliveries
        set status = ${gaveUp ? "failed" : "pending"}, attempts = ${attempts}, last_status = ${result.status}, last_error = ${result.error},
            next_attempt_at = now() + ${delay} * interval '1 millisecond', updated_at = now()
        where id = ${row.id}`;
      o.log(`webhook ${row.data.type} (${row.event_id}) to ${row.url}: ${result.error}${gaveUp ? "; giving up" : `; retry in ${delay} ms`}`);
    }
    return { eventId: row.event_id, type: row.data.type, ...result };
  }

  async function tick() {
    const rows = await o.sql<Row[]>`
      select d.id, d.event_id, d.url, d.attempts, e.data from stripe_dev.deliveries d join stripe_dev.events e on e.id = d.event_id
      where d.status = 'pending' and d.next_attempt_at <= now() order by d.id limit 50`;
    // Concurrent, as Stripe delivers: order between events is not guaranteed.
    await Promise.all(rows.map((row) => attempt(row)));
  }

  function schedule(ms: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(loop, ms);
  }

  function loop() {
    if (running || stopped) return;
    running = tick()
      .catch((error: Error) => o.log(`webhook delivery loop: ${error.message}`))
      .finally(() => {
        running = null;
        schedule(o.pollMs);
      });
  }

  schedule(0);

  const track = <T>(p: Promise<T>) => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  return {
    nudge: () => schedule(0),
    failNext(n: number) {
      failNext = n;
    },
    /** Sends one stored event `times` times at once, outside the queue (duplicate delivery). */
    async deliverEvent(eventId: string, times: number): Promise<Attempt[]> {
      const endpoint = o.endpoint();
      if (!endpoint) throw new Error("no webhook endpoint is configured");
      const [row] = await o.sql<{ data: Obj }[]>`select data from stripe_dev.events where id = ${eventId}`;
      if (!row) throw new Error(`no such event: ${eventId}`);
      return track(Promise.all(Array.from({ length: times }, async () => ({ eventId, type: row.data.type, ...(await post(row.data, endpoint.url)) }))));
    },
    /** Delivers held events (all, or those about one customer) one after another, oldest first or reversed (out-of-order delivery). */
    async release(order: "original" | "reversed", customerId?: string): Promise<Attempt[]> {
      const about = customerId
        ? o.sql`and (e.data #>> '{data,object,customer}' = ${customerId} or e.data #>> '{data,object,customer,id}' = ${customerId} or (e.data #>> '{data,object,object}' = 'customer' and e.data #>> '{data,object,id}' = ${customerId}))`
        : o.sql``;
      const rows = await o.sql<Row[]>`
        select d.id, d.event_id, d.url, d.attempts, e.data from stripe_dev.deliveries d join stripe_dev.events e on e.id = d.event_id
        where d.status = 'held' ${about} order by d.id`;
      const ordered = order === "reversed" ? rows.reverse() : rows;
      const results: Attempt[] = [];
      for (const row of ordered) results.push(await track(attempt(row)));
      return results;
    },
    async retryNow() {
      await o.sql`update stripe_dev.deliveries set next_attempt_at = now() where status = 'pending'`;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type Deliveries = ReturnType<typeof startDeliveries>;
