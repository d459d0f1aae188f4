import { getMe } from "@/features/api-keys/server/rest/get-me";
import { routeHandler } from "@/features/api-keys/server/rest/endpoint";

export const GET = routeHandler(getMe);
