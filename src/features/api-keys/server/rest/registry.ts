import "server-only";
import type { Endpoint } from "./endpoint";
import { getMe } from "./get-me";
import { getUsage } from "./get-usage";

/** Every /api/v1 endpoint: the OpenAPI document and the fuzz test read this list. */
export const API_ENDPOINTS: readonly Endpoint[] = [getMe, getUsage] as unknown as readonly Endpoint[];
