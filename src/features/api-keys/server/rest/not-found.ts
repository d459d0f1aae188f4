import "server-only";
import { withRequest } from "@/server/http/with-request";
import { apiError } from "./envelope";

/** Unknown /api/v1 paths answer in the API's envelope, not with the app's HTML 404 page. */
export const notFoundEndpoint = withRequest(async (req, { requestId }) =>
  apiError(404, "route_not_found", `There is no ${req.method} ${new URL(req.url).pathname}. See /api/v1/openapi.json for the endpoints.`, requestId),
);
