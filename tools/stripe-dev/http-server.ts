/**
 * The gateway's HTTP surface on loopback: Stripe's v1 API (Bearer auth, form bodies,
 * Idempotency-Key, list and error envelopes), the hosted pages, and the test-control API
 * under /_dev. Each request runs alone, in one transaction (./runner.ts).
 */
import { createHash } from "node:crypto";
import http from "node:http";
import { catalogRoutes } from "./api/catalog";
import { checkoutRoutes } from "./api/checkout";
import { clockRoutes, eventRoutes } from "./api/clocks-events";
import { customerRoutes } from "./api/customers";
import { invoiceRoutes } from "./api/invoices";
import { meteringRoutes } from "./api/metering";
import { CommittedError, type Route } from "./api/route";
import { subscriptionRoutes } from "./api/subscriptions";
import type { Runner } from "./runner";
import { StripeError } from "./errors";
import { onlyParams, parseForm } from "./form";
import { newId, type Obj } from "./store";
import { checkoutPages } from "./pages/checkout";
import { invoicePages } from "./pages/invoice";
import { portalPages } from "./pages/portal";
import type { PageRoute } from "./pages/page";

const ROUTES: Route[] = [...catalogRoutes, ...customerRoutes, ...checkoutRoutes, ...subscriptionRoutes, ...invoiceRoutes, ...meteringRoutes, ...clockRoutes, ...eventRoutes];
const PAGES: PageRoute[] = [...checkoutPages, ...portalPages, ...invoicePages];

export type GatewayMode = "up" | "down" | "refuse";

export type ServerDeps = {
  secretKey: string;
  run: Runner;
  mode: () => GatewayMode;
  control: (method: string, path: string, body: Obj, query: URLSearchParams) => Promise<[number, unknown]>;
  log: (line: string) => void;
};

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export function createHttpServer(deps: ServerDeps): http.Server {
  const transaction = deps.run;

  async function api(req: http.IncomingMessage, url: URL, raw: string): Promise<Reply> {
    const method = req.method ?? "GET";
    const requestId = newId("req", 14);
    const headers = { "request-id": requestId, "stripe-version": String(req.headers["stripe-version"] ?? "") };
    const fail = (e: StripeError, extra: Record<string, string> = {}): Reply => ({ status: e.status, body: e.body(), headers: { ...headers, ...extra } });
    const auth = String(req.headers.authorization ?? "");
    const key = auth.startsWith("Bearer ") ? auth.slice(7) : auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString().split(":")[0] : "";
    if (key !== deps.secretKey) {
      return fail(new StripeError(401, "authentication_error", key ? `Invalid API Key provided: ${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}` : "You did not provide an API key."));
    }
    if (String(req.headers["content-type"] ?? "").includes("json") || url.pathname.startsWith("/v2/")) {
      return fail(new StripeError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${url.pathname}). The local Stripe gateway implements v1 form-encoded endpoints only.`));
    }
    const match = ROUTES.map((r) => ({ r, m: r.method === method ? url.pathname.match(r.path) : null })).find((x) => x.m);
    if (!match) {
      const known = [...new Set(ROUTES.map((r) => `${r.method} ${r.path.source.replace(/\\\//g, "/").replace(/^\^|\$$/g, "").replace(/\(\[\^\/\]\+\)|\(in_\[\^\/\]\+\)/g, "{id}")}`))];
      return fail(new StripeError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${url.pathname}). The local Stripe gateway (tools/stripe-dev) implements: ${known.join(", ")}.`));
    }
    let params;
    try {
      params = parseForm(method === "POST" ? raw : url.search.slice(1));
      onlyParams(params, match.r.params);
    } catch (e) {
      if (e instanceof StripeError) return fail(e);
      throw e;
    }
    const idempotencyKey = method === "POST" ? (req.headers["idempotency-key"] as string | undefined) : undefined;
    const fingerprint = createHash("sha256").update(`${method} ${url.pathname}\n${raw}`).digest("hex");
    const outcome = await transaction({ id: requestId, idempotency_key: idempotencyKey ?? null }, async (ctx): Promise<Reply> => {
      if (idempotencyKey) {
        const [seen] = await ctx.db<{ fingerprint: string; status: number; body: unknown }[]>`select fingerprint, status, body from stripe_dev.idempotency where key = ${idempotencyKey}`;
        if (seen && seen.fingerprint !== fingerprint) {
          return fail(new StripeError(400, "idempotency_error", `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`));
        }
        if (seen) return { status: seen.status, body: seen.body, headers: { ...headers, "idempotent-replayed": "true", "idempotency-key": idempotencyKey } };
      }
      let reply: Reply;
      try {
        // A StripeError rolls the request back; a CommittedError keeps what it did (a failed payment attempt).
        const result = await ctx.db.savepoint((sp) => match.r.run({ ...ctx, db: sp }, params, match.m!.slice(1)).catch((e) => (e instanceof CommittedError ? e : Promise.reject(e))));
        reply = result instanceof CommittedError ? { status: result.error.status, body: result.error.body(), headers } : { status: 200, body: result, headers };
      } catch (e) {
        if (e instanceof StripeError) return fail(e);
        throw e;
      }
      // Stripe keeps the result of a request that ran (not of one refused by validation).
      if (idempotencyKey) {
        await ctx.db`insert into stripe_dev.idempotency (key, fingerprint, status, body) values (${idempotencyKey}, ${fingerprint}, ${reply.status}, ${ctx.db.json(reply.body as never)})`;
        reply.headers = { ...reply.headers, "idempotency-key": idempotencyKey };
      }
      return reply;
    });
    return outcome;
  }

  async function page(req: http.IncomingMessage, url: URL, raw: string, res: http.ServerResponse): Promise<boolean> {
    const method = req.method ?? "GET";
    const route = PAGES.map((p) => ({ p, m: p.method === method ? url.pathname.match(p.path) : null })).find((x) => x.m);
    if (!route) return false;
    const form = Object.fromEntries(new URLSearchParams(raw));
    try {
      const result = await transaction({ id: null, idempotency_key: null }, (ctx) => route.p.run(ctx, form, url.searchParams, route.m!.slice(1)));
      if ("redirect" in result) res.writeHead(303, { location: result.redirect }).end();
      else res.writeHead(result.status, { "content-type": "text/html; charset=utf-8" }).end(result.html);
    } catch (e) {
      if (!(e instanceof StripeError)) throw e;
      res.writeHead(e.status, { "content-type": "text/plain; charset=utf-8" }).end(e.message);
    }
    return true;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    if (url.pathname.startsWith("/_dev/")) {
      let body: Obj = {};
      try {
        body = raw ? (JSON.parse(raw) as Obj) : {};
      } catch {
        return send(res, 400, { error: "the control API takes JSON bodies" });
      }
      const [status, out] = await deps.control(req.method ?? "GET", url.pathname, body, url.searchParams);
      return send(res, status, out);
    }
    const mode = deps.mode();
    if (mode === "refuse") return void req.socket.destroy();
    if (mode === "down") {
      return send(res, 503, new StripeError(503, "api_error", "The local Stripe gateway is simulating an outage (test control /_dev/gateway).").body(), { "stripe-should-retry": "false" });
    }
    if (url.pathname.startsWith("/v1/") || url.pathname.startsWith("/v2/")) {
      const reply = await api(req, url, raw);
      return send(res, reply.status, reply.body, reply.headers);
    }
    if (await page(req, url, raw, res)) return;
    send(res, 404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${url.pathname}). The local Stripe gateway serves /v1/…, /checkout/{id}, /portal/{id}, /invoice/{id} and /_dev/….` } });
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      deps.log(`${req.method} ${req.url} failed: ${error.stack ?? error.message}`);
      if (!res.headersSent) send(res, 500, new StripeError(500, "api_error", `The local Stripe gateway failed: ${error.message}`).body());
    });
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body, null, 2));
}
