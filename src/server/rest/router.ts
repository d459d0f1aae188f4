import "server-only";
import { impersonationRefusal } from "@/server/http/impersonation-writes";
import { clientRequestIdFrom } from "@/server/http/request-id";
import { finishRequest } from "@/server/http/with-request";
import { runWithRequestContext } from "@/server/logging/context";
import { failure, serveEndpoint, type Endpoint } from "./endpoint";
import { apiError } from "./errors";
import { fromWebRequest, jsonResult, toWebResponse, type ApiRequest, type ApiResult } from "./exchange";

type Route = { pattern: RegExp; methods: Map<string, Endpoint>; allow: string };

export const OPENAPI_PATH = "/api/v1/openapi.json";
const DOCUMENT_CORS = { "Access-Control-Allow-Origin": "*", "Access-Control-Max-Age": "86400" };

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // as Next does: a malformed escape stays as sent
  }
}

/** HEAD goes wherever GET is (RFC 9110 §9.3.2). */
const allowHeader = (methods: Iterable<string>) => [...methods].flatMap((m) => (m === "GET" ? ["GET", "HEAD"] : [m])).join(", ");

function compile(endpoints: readonly Endpoint[]): Route[] {
  const byPath = new Map<string, Route>();
  for (const def of endpoints) {
    let route = byPath.get(def.path);
    if (!route) {
      route = { pattern: new RegExp(`^/api${def.path.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`), methods: new Map(), allow: "" };
      byPath.set(def.path, route);
    }
    route.methods.set(def.method, def);
    route.allow = allowHeader(route.methods.keys());
  }
  return [...byPath.values()];
}

/** A HEAD answer is the GET answer without its body (RFC 9110 §9.3.2). */
const withoutBody = (result: ApiResult): ApiResult => ({ status: result.status, headers: result.headers });

/**
 * Every request under /api/ that no other app route takes, in the API's envelope: the
 * endpoints the features declare, the OpenAPI document, a 405 with `Allow` for a known path
 * and a 404 for anything else. `start:api` calls it with a request read straight off node:http;
 * the Next catch-all through `handle.web`. The two can't answer differently.
 */
export function createApiRouter(endpoints: readonly Endpoint[], document: () => unknown) {
  const routes = compile(endpoints);
  const route = async (req: ApiRequest, requestId: string): Promise<ApiResult> => {
    const { path, method } = req;
    const lookup = method === "HEAD" ? "GET" : method;
    if (path === OPENAPI_PATH) {
      // Readable from any origin, so hosted Swagger UI / Redoc can load it; the data endpoints send no CORS headers (decision 039).
      if (method === "OPTIONS") return { status: 204, headers: { ...DOCUMENT_CORS, "Access-Control-Allow-Methods": "GET, HEAD", Allow: "GET, HEAD, OPTIONS" } };
      if (lookup !== "GET") return apiError("method_not_allowed", `${method} is not supported here; use GET.`, requestId, { headers: { Allow: "GET, HEAD, OPTIONS" } });
      const response = jsonResult(200, document(), { "Cache-Control": "public, max-age=300", ...DOCUMENT_CORS });
      return method === "HEAD" ? withoutBody(response) : response;
    }
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      const def = route.methods.get(lookup);
      if (!def) {
        return apiError("method_not_allowed", `${method} is not supported here; use ${route.allow}.`, requestId, { headers: { Allow: route.allow } });
      }
      const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([name, raw]) => [name, decodeSegment(raw)]));
      try {
        const response = await serveEndpoint(def, req, params, requestId);
        return method === "HEAD" ? withoutBody(response) : response;
      } catch (error) {
        return failure(error, `${def.method} ${def.path}`, requestId, "api request failed before its key was known");
      }
    }
    // Paths are matched exactly: a trailing slash is another path (Next's 308 to it is turned off, decision 050).
    const slash = path.length > 1 && path.endsWith("/") ? ` Paths take no trailing slash: try ${path.replace(/\/+$/, "")}.` : "";
    return apiError("route_not_found", `There is no ${method} ${path}.${slash} See ${OPENAPI_PATH} for the endpoints.`, requestId);
  };
  const handle = (req: ApiRequest) => runApiRequest(req, route);
  /** The same, for a route handler's `Request` (the Next catch-all, in-process tests). */
  handle.web = async (req: Request, _ctx?: unknown): Promise<Response> => toWebResponse(await handle(fromWebRequest(req)));
  return handle;
}

/**
 * What `withRequest` does for the app's other routes, on the plain form: a request context for
 * logs, a request id of our own (never the caller's, which could be forged or collide; it comes
 * back as X-Client-Request-Id), the impersonation write refusal, and `finishRequest`'s headers
 * and access-log line.
 */
function runApiRequest(req: ApiRequest, route: (req: ApiRequest, requestId: string) => Promise<ApiResult>): Promise<ApiResult> {
  const clientRequestId = clientRequestIdFrom(req.headers);
  const requestId = crypto.randomUUID();
  const started = performance.now();
  return runWithRequestContext({ requestId }, async () => {
    let result: ApiResult;
    try {
      result = impersonationRefusal({ method: req.method, path: req.path, cookie: req.headers.get("cookie") }, requestId) ?? (await route(req, requestId));
    } catch (error) {
      result = failure(error, "router", requestId, "api request failed");
    }
    Object.assign(result.headers, finishRequest(req, { requestId, clientRequestId }, result.status, started));
    return result;
  });
}
