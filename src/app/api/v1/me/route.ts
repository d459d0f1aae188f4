import { routeHandlers } from "@/features/api-keys/server/rest/endpoint";
import { getMe } from "@/features/api-keys/server/rest/get-me";

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers({ GET: getMe });
