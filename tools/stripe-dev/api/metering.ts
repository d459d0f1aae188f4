/** Billing meters, meter events (deduplicated by `identifier`) and their summaries. */
import { nowFor, realNow } from "../context";
import { invalidRequest, noSuch } from "../errors";
import { hash, int, oneOf, reqStr, str, type Params } from "../form";
import { all, find, load, newId, page, render, save, type Obj } from "../store";
import { aggregate } from "../usage";
import { expandOf, type Route } from "./route";

export const meteringRoutes: Route[] = [
  {
    method: "POST",
    path: /^\/v1\/billing\/meters$/,
    params: ["display_name", "event_name", "default_aggregation", "customer_mapping", "value_settings", "event_time_window"],
    async run(ctx, p) {
      const eventName = reqStr(p, "event_name");
      if ((await all(ctx.db, "billing.meter")).some((m) => m.event_name === eventName && m.status === "active")) {
        throw invalidRequest(`An active meter with event_name \`${eventName}\` already exists.`, "event_name");
      }
      const aggregation = hash(p, "default_aggregation");
      if (!aggregation) throw invalidRequest("Missing required param: default_aggregation.", "default_aggregation");
      const mapping = hash(p, "customer_mapping") ?? {};
      const value = hash(p, "value_settings") ?? {};
      const now = realNow();
      const meter = await save(ctx.db, {
        id: newId("mtr_test", 24),
        object: "billing.meter",
        created: now,
        customer_mapping: { event_payload_key: str(mapping, "event_payload_key") ?? "stripe_customer_id", type: "by_id" },
        default_aggregation: { formula: oneOf(aggregation, "formula", ["sum", "count", "last"] as const) ?? "sum" },
        display_name: reqStr(p, "display_name"),
        event_name: eventName,
        event_time_window: null,
        livemode: false,
        status: "active",
        status_transitions: { deactivated_at: null },
        updated: now,
        value_settings: { event_payload_key: str(value, "event_payload_key") ?? "value" },
      });
      return render(ctx.db, meter, expandOf(p));
    },
  },
  { method: "GET", path: /^\/v1\/billing\/meters\/([^/]+)$/, params: [], run: async (ctx, p, [id]) => render(ctx.db, await load(ctx.db, "billing.meter", id!), expandOf(p)) },
  {
    method: "GET",
    path: /^\/v1\/billing\/meters$/,
    params: ["status", "limit", "starting_after", "ending_before"],
    async run(ctx, p) {
      const status = str(p, "status");
      return page(ctx.db, (await all(ctx.db, "billing.meter")).filter((m) => !status || m.status === status), p, "/v1/billing/meters", expandOf(p));
    },
  },
  {
    method: "GET",
    path: /^\/v1\/billing\/meters\/([^/]+)\/event_summaries$/,
    params: ["customer", "start_time", "end_time", "value_grouping_window", "limit", "starting_after", "ending_before"],
    async run(ctx, p, [id]) {
      const meter = await load(ctx.db, "billing.meter", id!);
      const customer = reqStr(p, "customer");
      const start = int(p, "start_time", { required: true })!;
      const end = int(p, "end_time", { required: true })!;
      if (end <= start) throw invalidRequest("end_time must be after start_time.", "end_time");
      if (p.value_grouping_window !== undefined) throw invalidRequest("value_grouping_window is not implemented by the local gateway; omit it for one summary of the whole range.", "value_grouping_window");
      const summary = { id: newId("mtrusg_test"), object: "billing.meter_event_summary", aggregated_value: await aggregate(ctx.db, meter, customer, start, end), end_time: end, livemode: false, meter: meter.id, start_time: start };
      return page(ctx.db, [summary], p, `/v1/billing/meters/${meter.id}/event_summaries`);
    },
  },
  {
    method: "POST",
    path: /^\/v1\/billing\/meter_events$/,
    params: ["event_name", "payload", "identifier", "timestamp"],
    async run(ctx, p) {
      const eventName = reqStr(p, "event_name");
      const identifier = str(p, "identifier") ?? newId("mev", 20);
      const [existing] = await ctx.db<{ data: Obj }[]>`select data from stripe_dev.meter_events where identifier = ${identifier}`;
      // Stripe enforces uniqueness of identifiers: a repeat is accepted and not counted again.
      if (existing) return existing.data;
      const meter = (await all(ctx.db, "billing.meter")).find((m) => m.event_name === eventName && m.status === "active");
      if (!meter) throw invalidRequest(`No active meter found for event_name \`${eventName}\`.`, "event_name");
      const payload = hash(p, "payload") as Params | undefined;
      if (!payload) throw invalidRequest("Missing required param: payload.", "payload");
      const customerKey = meter.customer_mapping.event_payload_key;
      const valueKey = meter.value_settings.event_payload_key;
      const customerId = str(payload, customerKey);
      if (!customerId) throw invalidRequest(`Missing required param: payload[${customerKey}].`, `payload[${customerKey}]`);
      const customer = await find(ctx.db, customerId);
      if (!customer || customer.object !== "customer") throw noSuch("customer", customerId, `payload[${customerKey}]`);
      const value = str(payload, valueKey) ?? (meter.default_aggregation.formula === "count" ? "1" : undefined);
      if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) throw invalidRequest(`payload[${valueKey}] must be a non-negative number as a string.`, `payload[${valueKey}]`);
      const timestamp = int(p, "timestamp") ?? (await nowFor(ctx, customer));
      const event = { object: "billing.meter_event", created: realNow(), event_name: eventName, identifier, livemode: false, payload, timestamp };
      await ctx.db`
        insert into stripe_dev.meter_events (identifier, event_name, customer, value, ts, data)
        values (${identifier}, ${eventName}, ${customerId}, ${value}, ${timestamp}, ${ctx.db.json(event as never)})`;
      return event;
    },
  },
];

