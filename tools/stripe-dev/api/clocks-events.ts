/** Test clocks (create, advance, retrieve, list) and the event log (events.list/retrieve). */
import { emit, realNow } from "../context";
import { invalidRequest } from "../errors";
import { int, str, strings } from "../form";
import { advanceClock } from "../renewals";
import { all, load, newId, page, render, save, type Obj } from "../store";
import { expandOf, type Route } from "./route";

export const clockRoutes: Route[] = [
  {
    method: "POST",
    path: /^\/v1\/test_helpers\/test_clocks$/,
    params: ["frozen_time", "name"],
    async run(ctx, p) {
      const now = realNow();
      const clock = await save(ctx.db, {
        id: newId("clock"),
        object: "test_helpers.test_clock",
        created: now,
        deletes_after: now + 30 * 86_400,
        frozen_time: int(p, "frozen_time", { required: true, min: 0 })!,
        livemode: false,
        name: str(p, "name") ?? null,
        status: "ready",
        status_details: {},
      });
      await emit(ctx, "test_helpers.test_clock.created", clock);
      return render(ctx.db, clock, expandOf(p));
    },
  },
  { method: "GET", path: /^\/v1\/test_helpers\/test_clocks\/([^/]+)$/, params: [], run: async (ctx, p, [id]) => render(ctx.db, await load(ctx.db, "test_helpers.test_clock", id!), expandOf(p)) },
  {
    method: "GET",
    path: /^\/v1\/test_helpers\/test_clocks$/,
    params: ["limit", "starting_after", "ending_before"],
    run: async (ctx, p) => page(ctx.db, await all(ctx.db, "test_helpers.test_clock"), p, "/v1/test_helpers/test_clocks", expandOf(p)),
  },
  {
    method: "POST",
    path: /^\/v1\/test_helpers\/test_clocks\/([^/]+)\/advance$/,
    params: ["frozen_time"],
    async run(ctx, p, [id]) {
      const clock = await load(ctx.db, "test_helpers.test_clock", id!);
      const target = int(p, "frozen_time", { required: true })!;
      if (target <= clock.frozen_time) throw invalidRequest(`The test clock's frozen_time can only move forward: ${target} is not after ${clock.frozen_time}.`, "frozen_time");
      // Stripe advances in the background and reports `advancing`; here the work is done by the
      // time this answers, so the clock is already `ready` (polling until ready works unchanged).
      await emit(ctx, "test_helpers.test_clock.advancing", { ...clock, status: "advancing" });
      await advanceClock(ctx, clock, target);
      await emit(ctx, "test_helpers.test_clock.ready", clock, undefined, clock.frozen_time);
      return render(ctx.db, clock, expandOf(p));
    },
  },
];

export const eventRoutes: Route[] = [
  {
    method: "GET",
    path: /^\/v1\/events\/([^/]+)$/,
    params: [],
    async run(ctx, _p, [id]) {
      const [row] = await ctx.db<{ data: Obj }[]>`select data from stripe_dev.events where id = ${id!}`;
      if (!row) throw invalidRequest(`No such event: '${id}'`, "id");
      return row.data;
    },
  },
  {
    method: "GET",
    path: /^\/v1\/events$/,
    params: ["type", "types", "limit", "starting_after", "ending_before", "created", "delivery_success"],
    async run(ctx, p) {
      const type = str(p, "type");
      const types = strings(p, "types");
      const rows = await ctx.db<{ data: Obj }[]>`select data from stripe_dev.events order by seq desc limit 1000`;
      const matches = (t: string) => (!type || (type.endsWith("*") ? t.startsWith(type.slice(0, -1)) : t === type)) && (!types.length || types.includes(t));
      return page(ctx.db, rows.map((r) => r.data).filter((e) => matches(e.type)), p, "/v1/events");
    },
  },
];
