import "server-only";
import { requestMethod } from "@/server/http/request-method";
import { withRequest } from "@/server/http/with-request";
import { failure, serveEndpoint, type Endpoint } from "./endpoint";
import { apiError } from "./errors";

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
const withoutBody = (response: Response) => new Response(null, { status: response.status, headers: response.headers });

/**
 * Every request under /api/ that no other app route takes, in the API's envelope: the
 * endpoints the features declare, the OpenAPI document, a 405 with `Allow` for a known path
 * and a 404 for anything else. The Next catch-all and `start:api` both call this, so the two
 * can't answer differently.
 */
export function createApiRouter(endpoints: readonly Endpoint[], document: () => unknown) {
  const routes = compile(endpoints);
  return withRequest(async (req, { requestId }) => {
    const path = new URL(req.url).pathname;
    const method = requestMethod(req);
    const lookup = method === "HEAD" ? "GET" : method;
    if (path === OPENAPI_PATH) {
      // Readable from any origin, so hosted Swagger UI / Redoc can load it; the data endpoints send no CORS headers (decision 039).
      if (method === "OPTIONS") return new Response(null, { status: 204, headers: { ...DOCUMENT_CORS, "Access-Control-Allow-Methods": "GET, HEAD", Allow: "GET, HEAD, OPTIONS" } });
      if (lookup !== "GET") return apiError("method_not_allowed", `${method} is not supported here; use GET.`, requestId, { headers: { Allow: "GET, HEAD, OPTIONS" } });
      const response = Response.json(document(), { headers: { "Cache-Control": "public, max-age=300", ...DOCUMENT_CORS } });
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
  }, { mintRequestId: true });
}
