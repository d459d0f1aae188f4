import { routeHandlers } from "@/features/api-keys/server/rest/endpoint";
import { getUsage } from "@/features/api-keys/server/rest/get-usage";

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers({ GET: getUsage });
