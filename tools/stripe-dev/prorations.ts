/**
 * Subscription items and what changing them bills: the lines of a period in advance and the
 * proration lines for the rest of the current one. Shared by subscriptions.update,
 * invoices.createPreview, renewals and the portal, so a preview is what an update bills.
 */
import type { Ctx } from "./context";
import { invalidRequest } from "./errors";
import { bool, int, metadata, str, type Params } from "./form";
import type { LineDraft } from "./invoice-object";
import { amountFor, isMetered } from "./pricing";
import { find, load, type Obj } from "./store";

export type ItemSpec = { id?: string; price: Obj; quantity: number | null; metadata?: Record<string, string>; created?: number };

export const periodOf = (sub: Obj) => ({ start: sub.items.data[0].current_period_start as number, end: sub.items.data[0].current_period_end as number });
export const licensed = (items: Obj[]) => items.filter((i) => !isMetered(i.price));

export function checkIntervals(prices: Obj[]) {
  const keys = new Set(prices.map((p) => `${p.recurring?.interval}/${p.recurring?.interval_count}`));
  if (prices.some((p) => p.type !== "recurring")) throw invalidRequest("All prices on a subscription must be recurring.", "items");
  if (keys.size > 1) throw invalidRequest("Currently all prices on a subscription must have the same `recurring.interval` and `recurring.interval_count`.", "items");
}

async function productName(ctx: Ctx, price: Obj): Promise<string> {
  const product = await find(ctx.db, price.product);
  return product?.name ?? price.product;
}

/** Licensed items billed in advance for a period (or free, during a trial). */
export async function periodLines(ctx: Ctx, sub: Obj, items: Obj[], period: { start: number; end: number }, trial = false): Promise<LineDraft[]> {
  const lines: LineDraft[] = [];
  for (const item of items) {
    const name = await productName(ctx, item.price);
    lines.push({
      amount: trial ? 0 : amountFor(item.price, item.quantity ?? 1),
      description: trial ? `Trial period for ${name}` : `${item.quantity ?? 1} × ${name} (at ${money(item.price)} / ${item.price.recurring.interval})`,
      price: item.price,
      quantity: item.quantity ?? 1,
      period,
      proration: false,
      subscription: sub.id,
      subscriptionItem: item.id,
    });
  }
  return lines;
}

const money = (price: Obj) => `$${(amountFor(price, 1) / 100).toFixed(2)}`;
const day = (t: number) => new Date(t * 1000).toLocaleDateString("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" });

export type Change = { items: ItemSpec[]; prorations: LineDraft[]; resetsCycle: boolean; at: number };

/**
 * What `items[...]` would do to a subscription: the new item list and the proration lines for
 * the rest of the current period (unused time credited, remaining time charged). Shared by
 * `subscriptions.update` and `invoices.createPreview`, so a preview is what an update bills.
 */
export async function planChange(ctx: Ctx, sub: Obj, rawItems: Params[], opts: { prorationBehavior: string; prorationDate?: number; now: number }): Promise<Change> {
  const current: Obj[] = sub.items.data;
  const next: ItemSpec[] = current.map((i) => ({ id: i.id, price: i.price, quantity: i.quantity ?? null, metadata: i.metadata, created: i.created }));
  for (const [n, raw] of rawItems.entries()) {
    const param = `items[${n}]`;
    const id = str(raw, "id");
    const at = id ? next.findIndex((s) => s.id === id) : -1;
    if (id && at === -1) throw invalidRequest(`Invalid subscription_item id: ${id}`, `${param}[id]`);
    if (bool(raw, "deleted")) {
      if (at === -1) throw invalidRequest("To delete an item, pass its id.", `${param}[deleted]`);
      next.splice(at, 1);
      continue;
    }
    const priceId = str(raw, "price");
    const price = priceId ? await load(ctx.db, "price", priceId, `${param}[price]`) : at >= 0 ? next[at]!.price : null;
    if (!price) throw invalidRequest(`Missing required param: ${param}[price].`, `${param}[price]`);
    const quantity = int(raw, "quantity", { min: 0 });
    if (isMetered(price) && quantity !== undefined) throw invalidRequest("Quantity should not be specified where usage_type is `metered`.", `${param}[quantity]`);
    const spec: ItemSpec = at >= 0 ? { ...next[at]!, price } : { price, quantity: null };
    spec.quantity = isMetered(price) ? null : (quantity ?? (at >= 0 && !isMetered(next[at]!.price) ? next[at]!.quantity : 1));
    if (raw.metadata !== undefined) spec.metadata = metadata(raw, spec.metadata);
    if (at >= 0) next[at] = spec;
    else next.push(spec);
  }
  if (next.length === 0) throw invalidRequest("A subscription needs at least one item; cancel it instead.", "items");
  checkIntervals(next.map((s) => s.price));
  const old = current[0]!.price.recurring;
  const now = opts.now;
  const resetsCycle = old.interval !== next[0]!.price.recurring.interval || old.interval_count !== next[0]!.price.recurring.interval_count;
  const at = opts.prorationDate ?? now;
  const period = periodOf(sub);
  const prorations: LineDraft[] = [];
  const behaviour = resetsCycle ? "always_invoice" : opts.prorationBehavior;
  if (behaviour !== "none" && sub.status !== "trialing") {
    const span = period.end - period.start;
    const fraction = Math.max(0, Math.min(1, (period.end - at) / span));
    for (const item of licensed(current)) {
      const after = next.find((s) => s.id === item.id);
      if (after && after.price.id === item.price.id && after.quantity === item.quantity) continue;
      const name = await productName(ctx, item.price);
      prorations.push({ amount: -Math.round(amountFor(item.price, item.quantity) * fraction), description: `Unused time on ${item.quantity} × ${name} after ${day(at)}`, price: item.price, quantity: item.quantity, period: { start: at, end: period.end }, proration: true, subscription: sub.id, subscriptionItem: item.id });
    }
    for (const spec of next.filter((s) => !isMetered(s.price))) {
      const before = current.find((i) => i.id === spec.id);
      if (before && before.price.id === spec.price.id && before.quantity === spec.quantity) continue;
      if (resetsCycle) continue;
      const name = await productName(ctx, spec.price);
      prorations.push({ amount: Math.round(amountFor(spec.price, spec.quantity ?? 1) * fraction), description: `Remaining time on ${spec.quantity} × ${name} after ${day(at)}`, price: spec.price, quantity: spec.quantity, period: { start: at, end: period.end }, proration: true, subscription: sub.id, subscriptionItem: spec.id ?? null });
    }
  }
  return { items: next, prorations, resetsCycle, at };
}

