/** Metered usage: meter events summed per customer and period, and the invoice lines they make. */
import type { Ctx } from "./context";
import type { LineDraft } from "./invoice-object";
import { amountFor, isMetered } from "./pricing";
import { find, type Db, type Obj } from "./store";

export async function aggregate(db: Db, meter: Obj, customer: string, start: number, end: number): Promise<number> {
  const rows = await db<{ value: string }[]>`
    select value from stripe_dev.meter_events
    where customer = ${customer} and event_name = ${meter.event_name} and ts >= ${start} and ts < ${end}
    order by ts, identifier`;
  const values = rows.map((r) => Number(r.value));
  switch (meter.default_aggregation.formula) {
    case "count":
      return values.length;
    case "last":
      return values.length ? values[values.length - 1]! : 0;
    default:
      return values.reduce((a, b) => a + b, 0);
  }
}

/** One line per metered item for the usage in [start, end): billed in arrears. */
export async function usageLines(ctx: Ctx, sub: Obj, start: number, end: number): Promise<LineDraft[]> {
  const lines: LineDraft[] = [];
  for (const item of sub.items.data as Obj[]) {
    if (!isMetered(item.price)) continue;
    const meter = item.price.recurring.meter ? await find(ctx.db, item.price.recurring.meter) : null;
    if (!meter) continue;
    const quantity = await aggregate(ctx.db, meter, sub.customer, start, end);
    const product = await find(ctx.db, item.price.product);
    lines.push({
      amount: amountFor(item.price, quantity),
      description: `${product?.name ?? "Usage"} — ${quantity.toLocaleString("en-US")} ${meter.display_name}`,
      price: item.price,
      quantity,
      period: { start, end },
      proration: false,
      subscription: sub.id,
      subscriptionItem: item.id,
    });
  }
  return lines;
}
