import { routeHandlers } from "@/features/api-keys/server/rest/endpoint";
import { getPostEndpoint } from "@/features/api-keys/server/rest/posts";

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers({ GET: getPostEndpoint });
