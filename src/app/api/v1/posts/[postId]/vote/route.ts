import { routeHandlers } from "@/features/api-keys/server/rest/endpoint";
import { unvoteEndpoint, voteEndpoint } from "@/features/api-keys/server/rest/votes";

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers({ PUT: voteEndpoint, DELETE: unvoteEndpoint });
