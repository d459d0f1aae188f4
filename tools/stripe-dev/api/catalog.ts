/** Products and prices: what the app's plan sync creates and finds again by `lookup_key`. */
import { changed, emit, realNow } from "../context";
import { invalidRequest, StripeError } from "../errors";
import { bool, hash, int, list, metadata, num, oneOf, reqStr, str, strings, type Params } from "../form";
import { all, find, load, newId, page, render, save, type Obj } from "../store";
import { expandOf, type Route } from "./route";

const PRODUCT_PARAMS = ["id", "name", "active", "description", "metadata", "unit_label", "statement_descriptor", "tax_code", "images", "url"] as const;
const PRICE_PARAMS = ["currency", "product", "product_data", "unit_amount", "unit_amount_decimal", "recurring", "billing_scheme", "tiers", "tiers_mode", "transform_quantity", "lookup_key", "transfer_lookup_key", "nickname", "metadata", "active", "tax_behavior"] as const;

function productObject(p: Params, id: string, now: number): Obj {
  return {
    id,
    object: "product",
    active: bool(p, "active") ?? true,
    attributes: [],
    created: now,
    default_price: null,
    description: str(p, "description") ?? null,
    images: strings(p, "images"),
    livemode: false,
    marketing_features: [],
    metadata: metadata(p),
    name: reqStr(p, "name"),
    package_dimensions: null,
    shippable: null,
    statement_descriptor: str(p, "statement_descriptor") ?? null,
    tax_code: str(p, "tax_code") ?? null,
    type: "service",
    unit_label: str(p, "unit_label") ?? null,
    updated: now,
    url: str(p, "url") ?? null,
  };
}

async function claimLookupKey(ctx: Parameters<Route["run"]>[0], key: string | undefined, transfer: boolean, self: string) {
  if (!key) return;
  const holder = (await all(ctx.db, "price")).find((x) => x.lookup_key === key && x.id !== self);
  if (!holder) return;
  if (!transfer) throw new StripeError(400, "invalid_request_error", `A price (\`${holder.id}\`) already uses that lookup key.`, { param: "lookup_key", code: "lookup_key_already_exists" });
  const before = structuredClone(holder);
  holder.lookup_key = null;
  await save(ctx.db, holder);
  await emit(ctx, "price.updated", holder, changed(before, holder));
}

function recurringOf(p: Params): Obj | null {
  const r = hash(p, "recurring");
  if (!r) return null;
  const interval = oneOf(r, "interval", ["day", "week", "month", "year"] as const);
  if (!interval) throw invalidRequest("Missing required param: recurring[interval].", "recurring[interval]");
  const usage_type = oneOf(r, "usage_type", ["licensed", "metered"] as const) ?? "licensed";
  const meter = str(r, "meter") ?? null;
  if (usage_type === "metered" && !meter) throw invalidRequest("Metered prices must be backed by a billing meter: set recurring[meter].", "recurring[meter]");
  if (usage_type !== "metered" && meter) throw invalidRequest("recurring[meter] can only be set when recurring[usage_type] is `metered`.", "recurring[meter]");
  if (r.aggregate_usage !== undefined) throw invalidRequest("recurring[aggregate_usage] is no longer supported; aggregate on the billing meter instead.", "recurring[aggregate_usage]");
  return { interval, interval_count: int(r, "interval_count", { min: 1 }) ?? 1, meter, trial_period_days: null, usage_type };
}

function tiersOf(p: Params): Obj[] | null {
  const raw = list(p, "tiers");
  if (!raw.length) return null;
  return raw.map((t, i) => {
    const upTo = str(t, "up_to", { required: true });
    if (upTo !== "inf" && !/^\d+$/.test(upTo!)) throw invalidRequest(`Invalid tiers[${i}][up_to]: an integer or "inf"`, `tiers[${i}][up_to]`);
    const unitDecimal = num(t, "unit_amount_decimal");
    return {
      flat_amount: int(t, "flat_amount", { min: 0 }) ?? null,
      flat_amount_decimal: t.flat_amount ?? null,
      unit_amount: int(t, "unit_amount", { min: 0 }) ?? null,
      unit_amount_decimal: unitDecimal !== undefined ? String(unitDecimal) : (str(t, "unit_amount") ?? null),
      up_to: upTo === "inf" ? null : Number(upTo),
    };
  });
}

export const catalogRoutes: Route[] = [
  {
    method: "POST",
    path: /^\/v1\/products$/,
    params: PRODUCT_PARAMS,
    async run(ctx, p) {
      const id = str(p, "id") ?? newId("prod", 14);
      if (await find(ctx.db, id)) throw new StripeError(400, "invalid_request_error", "Product already exists.", { param: "id", code: "resource_already_exists" });
      const product = await save(ctx.db, productObject(p, id, realNow()));
      await emit(ctx, "product.created", product);
      return render(ctx.db, product, expandOf(p));
    },
  },
  { method: "GET", path: /^\/v1\/products\/([^/]+)$/, params: [], run: async (ctx, p, [id]) => render(ctx.db, await load(ctx.db, "product", id!), expandOf(p)) },
  {
    method: "POST",
    path: /^\/v1\/products\/([^/]+)$/,
    params: ["name", "active", "description", "metadata", "unit_label", "default_price"],
    async run(ctx, p, [id]) {
      const product = await load(ctx.db, "product", id!);
      const before = structuredClone(product);
      if (p.name !== undefined) product.name = reqStr(p, "name");
      if (p.active !== undefined) product.active = bool(p, "active");
      if (p.description !== undefined) product.description = str(p, "description") ?? null;
      if (p.unit_label !== undefined) product.unit_label = str(p, "unit_label") ?? null;
      if (p.default_price !== undefined) product.default_price = str(p, "default_price") ? (await load(ctx.db, "price", str(p, "default_price")!, "default_price")).id : null;
      product.metadata = metadata(p, product.metadata);
      product.updated = realNow();
      await save(ctx.db, product);
      await emit(ctx, "product.updated", product, changed(before, product));
      return render(ctx.db, product, expandOf(p));
    },
  },
  {
    method: "GET",
    path: /^\/v1\/products$/,
    params: ["active", "ids", "limit", "starting_after", "ending_before", "created", "shippable", "url"],
    async run(ctx, p) {
      const ids = strings(p, "ids");
      const active = bool(p, "active");
      const items = (await all(ctx.db, "product")).filter((x) => (active === undefined || x.active === active) && (!ids.length || ids.includes(x.id)));
      return page(ctx.db, items, p, "/v1/products", expandOf(p));
    },
  },
  {
    method: "POST",
    path: /^\/v1\/prices$/,
    params: PRICE_PARAMS,
    async run(ctx, p) {
      const now = realNow();
      let productId = str(p, "product");
      const productData = hash(p, "product_data");
      if (!productId && !productData) throw invalidRequest("Missing required param: product.", "product");
      if (productId) await load(ctx.db, "product", productId, "product");
      else {
        const product = await save(ctx.db, productObject(productData!, newId("prod", 14), now));
        await emit(ctx, "product.created", product);
        productId = product.id;
      }
      const tiers = tiersOf(p);
      const billingScheme = oneOf(p, "billing_scheme", ["per_unit", "tiered"] as const) ?? "per_unit";
      if (billingScheme === "tiered" && !tiers) throw invalidRequest("Tiered prices need tiers.", "tiers");
      const unitAmount = int(p, "unit_amount", { min: 0 });
      const unitDecimal = num(p, "unit_amount_decimal");
      if (billingScheme === "per_unit" && unitAmount === undefined && unitDecimal === undefined) throw invalidRequest("Missing required param: unit_amount.", "unit_amount");
      const recurring = recurringOf(p);
      if (recurring?.meter) await load(ctx.db, "billing.meter", recurring.meter, "recurring[meter]");
      const tq = hash(p, "transform_quantity");
      const id = newId("price");
      await claimLookupKey(ctx, str(p, "lookup_key"), bool(p, "transfer_lookup_key") ?? false, id);
      const price = await save(ctx.db, {
        id,
        object: "price",
        active: bool(p, "active") ?? true,
        billing_scheme: billingScheme,
        created: now,
        currency: reqStr(p, "currency").toLowerCase(),
        custom_unit_amount: null,
        livemode: false,
        lookup_key: str(p, "lookup_key") ?? null,
        metadata: metadata(p),
        nickname: str(p, "nickname") ?? null,
        product: productId,
        recurring,
        tax_behavior: oneOf(p, "tax_behavior", ["exclusive", "inclusive", "unspecified"] as const) ?? "unspecified",
        tiers: tiers ?? undefined,
        tiers_mode: tiers ? (oneOf(p, "tiers_mode", ["graduated", "volume"] as const) ?? "graduated") : null,
        transform_quantity: tq ? { divide_by: int(tq, "divide_by", { min: 1, required: true }), round: oneOf(tq, "round", ["up", "down"] as const) ?? "up" } : null,
        type: recurring ? "recurring" : "one_time",
        unit_amount: unitAmount ?? (unitDecimal !== undefined && Number.isInteger(unitDecimal) ? unitDecimal : null),
        unit_amount_decimal: billingScheme === "per_unit" ? String(unitDecimal ?? unitAmount) : null,
      });
      await emit(ctx, "price.created", price);
      return render(ctx.db, price, expandOf(p));
    },
  },
  { method: "GET", path: /^\/v1\/prices\/([^/]+)$/, params: [], run: async (ctx, p, [id]) => render(ctx.db, await load(ctx.db, "price", id!), expandOf(p)) },
  {
    method: "POST",
    path: /^\/v1\/prices\/([^/]+)$/,
    params: ["active", "lookup_key", "transfer_lookup_key", "metadata", "nickname", "tax_behavior"],
    async run(ctx, p, [id]) {
      const price = await load(ctx.db, "price", id!);
      const before = structuredClone(price);
      if (p.active !== undefined) price.active = bool(p, "active");
      if (p.nickname !== undefined) price.nickname = str(p, "nickname") ?? null;
      if (p.lookup_key !== undefined) {
        await claimLookupKey(ctx, str(p, "lookup_key"), bool(p, "transfer_lookup_key") ?? false, price.id);
        price.lookup_key = str(p, "lookup_key") ?? null;
      }
      price.metadata = metadata(p, price.metadata);
      await save(ctx.db, price);
      await emit(ctx, "price.updated", price, changed(before, price));
      return render(ctx.db, price, expandOf(p));
    },
  },
  {
    method: "GET",
    path: /^\/v1\/prices$/,
    params: ["active", "product", "lookup_keys", "type", "currency", "recurring", "limit", "starting_after", "ending_before", "created"],
    async run(ctx, p) {
      const active = bool(p, "active");
      const keys = strings(p, "lookup_keys");
      const product = str(p, "product");
      const type = str(p, "type");
      const recurring = hash(p, "recurring");
      const items = (await all(ctx.db, "price")).filter(
        (x) =>
          (active === undefined || x.active === active) &&
          (!keys.length || keys.includes(x.lookup_key)) &&
          (!product || x.product === product) &&
          (!type || x.type === type) &&
          (!recurring?.interval || x.recurring?.interval === recurring.interval) &&
          (!recurring?.usage_type || x.recurring?.usage_type === recurring.usage_type),
      );
      return page(ctx.db, items, p, "/v1/prices", expandOf(p));
    },
  },
];
