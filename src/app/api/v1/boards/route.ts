import { listBoardsEndpoint } from "@/features/api-keys/server/rest/boards";
import { routeHandlers } from "@/features/api-keys/server/rest/endpoint";

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers({ GET: listBoardsEndpoint });
