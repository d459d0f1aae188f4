import { createCommentEndpoint, listCommentsEndpoint } from "@/features/api-keys/server/rest/comments";
import { routeHandlers } from "@/features/api-keys/server/rest/endpoint";

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers({ GET: listCommentsEndpoint, POST: createCommentEndpoint });
