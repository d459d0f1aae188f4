import { routeHandlers } from "@/features/api-keys/server/rest/endpoint";
import { createPostEndpoint, listPostsEndpoint } from "@/features/api-keys/server/rest/posts";

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers({ GET: listPostsEndpoint, POST: createPostEndpoint });
