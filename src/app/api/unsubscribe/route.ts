import { unsubscribeInput } from "@/features/notifications/schemas";
import { unsubscribe } from "@/features/notifications/server/unsubscribe";
import { readUnsubscribeToken, UNSUBSCRIBE_RATE_LIMIT } from "@/features/notifications/server/unsubscribe-token";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { clientIp } from "@/server/http/client-ip";
import { isCrossSiteRequest } from "@/server/http/csrf";
import { withRequest } from "@/server/http/with-request";
import { consumeRateLimit } from "@/server/rate-limit/consume";

const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
const failure = (status: number, code: string, message: string, requestId: string, headers?: Record<string, string>) =>
  reply(status, { error: { code, message, request_id: requestId } }, headers);

/**
 * RFC 8058 one-click unsubscribe: a mail client POSTs `List-Unsubscribe=One-Click` to the
 * List-Unsubscribe URL, token in the query. The signed token is the authorization, and a page
 * on another site can't post here (Sec-Fetch-Site / Origin). Mail providers post from shared
 * addresses, so a valid token is limited per person and a bad one per client address.
 */
export const POST = withRequest(async (req, { requestId }) => {
  if (isCrossSiteRequest(req)) return failure(403, "FORBIDDEN", "This request came from another site and was refused.", requestId);
  const parsed = unsubscribeInput.safeParse({ token: new URL(req.url).searchParams.get("token") ?? "" });
  const target = parsed.success ? readUnsubscribeToken(parsed.data.token) : null;
  const limit = await consumeRateLimit(db, UNSUBSCRIBE_RATE_LIMIT, target ? `user:${target.userId}` : `ip:${clientIp(req.headers)}`);
  if (!limit.allowed) {
    const wait = String(limit.retryAfterSeconds);
    return failure(429, "TOO_MANY_REQUESTS", `Too many unsubscribe requests. Try again in ${wait} seconds.`, requestId, { "retry-after": wait });
  }
  if (!parsed.success) return failure(400, "BAD_REQUEST", `token: ${parsed.error.issues[0]!.message}.`, requestId);
  try {
    const done = await unsubscribe(parsed.data, db);
    return reply(200, { unsubscribed: done.category, message: `You won't get emails about ${done.stopped} any more.` });
  } catch (error) {
    if (error instanceof AppError && error.code === "BAD_REQUEST") return failure(400, "BAD_REQUEST", `token: ${error.userMessage}`, requestId);
    throw error;
  }
});

/** A client that opens the header's URL in a browser lands on the page that asks first. */
export const GET = withRequest(async (req) => {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  return new Response(null, { status: 303, headers: { location: `/unsubscribe?token=${encodeURIComponent(token)}`, "cache-control": "no-store" } });
});
