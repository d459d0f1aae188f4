/**
 * The local Stripe gateway each e2e server runs (scripts/serve.ts --stripe-dev-url-file), for
 * specs that need its test controls: advance a customer through renewals, hold / replay /
 * duplicate webhooks, simulate an outage. See tools/stripe-dev/README.md.
 */
import fs from "node:fs";

/** Where serve.ts writes the gateway URL for the server whose database URL is in `dbUrlFile`. */
export const stripeDevUrlFile = (dbUrlFile: string) => dbUrlFile.replace(/\.dburl$/, "") + ".stripeurl";

export function stripeDevUrl(dbUrlFile: string): string {
  return fs.readFileSync(stripeDevUrlFile(dbUrlFile), "utf8").trim();
}

async function call<T>(dbUrlFile: string, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stripeDevUrl(dbUrlFile)}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`stripe-dev ${method} ${path}: ${response.status} ${json.error ?? ""}`);
  return json;
}

export function stripeDev(dbUrlFile: string) {
  return {
    url: () => stripeDevUrl(dbUrlFile),
    /** Renewals, usage invoices and payment retries for `days` on this customer's clock. */
    advanceCustomer: (customerId: string, days: number) => call<{ clock: { id: string; frozen_time: number } }>(dbUrlFile, "POST", `/_dev/customers/${customerId}/advance`, { days }),
    setGatewayMode: (mode: "up" | "down" | "refuse") => call(dbUrlFile, "POST", "/_dev/gateway", { mode }),
    holdWebhooks: () => call(dbUrlFile, "POST", "/_dev/webhooks/hold"),
    releaseWebhooks: (order: "original" | "reversed" = "original") => call(dbUrlFile, "POST", "/_dev/webhooks/release", { order }),
    /** Holds only this customer's webhooks: the e2e server is shared by parallel tests, whose webhooks keep flowing. */
    holdCustomerWebhooks: (customerId: string) => call(dbUrlFile, "POST", `/_dev/customers/${customerId}/webhooks/hold`),
    releaseCustomerWebhooks: (customerId: string, order: "original" | "reversed" = "original") => call(dbUrlFile, "POST", `/_dev/customers/${customerId}/webhooks/release`, { order }),
    deliverEvent: (eventId: string, times: number) => call(dbUrlFile, "POST", `/_dev/events/${eventId}/deliver`, { times }),
    events: (type?: string) => call<{ events: Array<{ id: string; type: string; data: { object: Record<string, unknown> } }> }>(dbUrlFile, "GET", `/_dev/events${type ? `?type=${encodeURIComponent(type)}` : ""}`),
  };
}
