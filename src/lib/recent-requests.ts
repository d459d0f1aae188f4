/**
 * The last few request ids this tab received (`x-request-id`), kept in sessionStorage so a
 * support request filed from this tab can say which requests went wrong. Browser only; a no-op
 * where storage is unavailable.
 */
const KEY = "gw:recent-request-ids";
const KEEP = 10;

export function recordRequestId(id: string | null): void {
  if (!id || typeof sessionStorage === "undefined") return;
  try {
    const ids = recentRequestIds().filter((known) => known !== id);
    sessionStorage.setItem(KEY, JSON.stringify([id, ...ids].slice(0, KEEP)));
  } catch {
    // Storage full or blocked: support requests simply carry fewer ids.
  }
}

export function recentRequestIds(): string[] {
  if (typeof sessionStorage === "undefined") return [];
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string").slice(0, KEEP) : [];
  } catch {
    return [];
  }
}

/** A fetch for tRPC links that remembers each response's request id. */
export const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  recordRequestId(response.headers.get("x-request-id"));
  return response;
};
