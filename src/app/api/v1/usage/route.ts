import { getUsage } from "@/features/api-keys/server/rest/get-usage";
import { routeHandler } from "@/features/api-keys/server/rest/endpoint";

export const GET = routeHandler(getUsage);
