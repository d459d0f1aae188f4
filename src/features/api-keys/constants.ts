/**
 * API-key values the browser needs, without zod: client code imports them from here, not from
 * schemas.ts, whose module-level zod schemas would ship zod's runtime to the page (decision 041).
 * schemas.ts re-exports them for server code.
 */

/** Grace periods a roll offers: how long the old secret keeps working. */
export const ROLL_GRACE_SECONDS = [0, 3600, 86_400, 604_800] as const;

export const STATUS_CLASSES = ["2xx", "4xx", "5xx"] as const;

/** Shared by the server prefetch and the client so both address the same cache entry. */
export const API_KEY_PAGE_SIZE = 100;
export const REQUEST_LOG_PAGE_SIZE = 25;

export const USAGE_DEFAULT_DAYS = 14;

export type RequestLogFilters = { statusClass: "" | (typeof STATUS_CLASSES)[number]; method: "" | "GET" | "POST" | "PUT" | "DELETE" };

export function requestLogQueryInput(workspaceSlug: string, keyId: string, filters: RequestLogFilters) {
  return {
    workspaceSlug,
    limit: REQUEST_LOG_PAGE_SIZE,
    ...(keyId ? { keyId } : {}),
    ...(filters.statusClass ? { statusClass: filters.statusClass } : {}),
    ...(filters.method ? { method: filters.method } : {}),
  };
}

export const API_KEY_AUDIT_ACTIONS = ["api_key.created", "api_key.updated", "api_key.revoked", "api_key.rolled", "api_key.transferred"] as const;
