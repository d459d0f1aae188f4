import { z } from "zod";
import { sessionCookie } from "@/server/auth/cookies";
import { resolveRequestSession } from "@/server/auth/request-session";
import { db } from "@/server/db/client";
import { clientIp } from "@/server/http/client-ip";
import { isCrossSiteRequest } from "@/server/http/csrf";
import { readBodyCapped } from "@/server/http/read-body";
import { withRequest } from "@/server/http/with-request";
import { consumeRateLimit } from "@/server/rate-limit/consume";
import { mayBeAnonymous } from "@/server/realtime/authorize";
import { fromPusherChannel } from "@/server/realtime/channels";
import { pusherUserIdOf } from "@/server/realtime/end-connections";
import { endConnectionsWhenExpired } from "@/server/realtime/impersonation-expiry";
import { PUSHER_AUTH_RATE_LIMIT, authorizePusherSubscription } from "@/server/realtime/pusher-auth";
import { pusherServerFromEnv } from "@/server/realtime/pusher-transport";

/**
 * What pusher-js's ajax authorizers POST, form-encoded: channel authorization sends
 * `channel_name`; user authentication (`signin()`) sends only `socket_id`.
 */
const authRequest = z.object({
  socket_id: z.string({ error: "is required" }).regex(/^\d{1,20}\.\d{1,20}$/, "must be a Pusher socket id such as 1234.5678"),
  channel_name: z.string({ error: "must be text" }).regex(/^[A-Za-z0-9_\-=@,.;]{1,200}$/, "must be a Pusher channel name").optional(),
});

const MAX_BODY_BYTES = 4 * 1024;

function reply(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}
const failure = (status: number, code: string, message: string, requestId: string, headers?: Record<string, string>) =>
  reply(status, { error: { code, message, request_id: requestId } }, headers);

/**
 * pusher-js's channel authorization endpoint (signs a subscription the viewer may make) and its
 * user authentication endpoint (signs the connection in as the viewer — or as the impersonation,
 * for staff impersonating — so ending their session, membership or impersonation can terminate it:
 * `endLiveConnections`, `endImpersonationConnections`).
 */
export const POST = withRequest(async (req, { requestId }) => {
  if (isCrossSiteRequest(req)) return failure(403, "FORBIDDEN", "This request came from another site and was refused.", requestId);
  const pusher = pusherServerFromEnv();
  if (!pusher) return failure(404, "NOT_FOUND", "Pusher is not configured on this server; live updates use SSE.", requestId);

  const resolved = await resolveRequestSession(db, req.headers);
  const signedIn = resolved?.fullyAuthenticated ? resolved : null;
  const limit = await consumeRateLimit(db, PUSHER_AUTH_RATE_LIMIT, signedIn ? `user:${signedIn.user.id}` : `ip:${clientIp(req.headers)}`);
  if (!limit.allowed) {
    const wait = String(limit.retryAfterSeconds);
    return failure(429, "TOO_MANY_REQUESTS", `Too many subscription requests. Try again in ${wait} seconds.`, requestId, { "retry-after": wait });
  }

  const body = await readBodyCapped(req, MAX_BODY_BYTES);
  if (body === null) return failure(413, "PAYLOAD_TOO_LARGE", `The request is too large (${MAX_BODY_BYTES} bytes at most).`, requestId);
  const parsed = authRequest.safeParse(Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body))));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return failure(400, "BAD_REQUEST", `${issue.path.join(".")} ${issue.message}.`, requestId);
  }

  const refreshed: Record<string, string> = signedIn?.session.refreshed ? { "set-cookie": sessionCookie(signedIn.token, signedIn.session.expiresAt) } : {};
  if (parsed.data.channel_name === undefined) {
    if (!signedIn) return failure(401, "UNAUTHORIZED", "Sign in to receive live updates.", requestId);
    // An impersonation's connection signs in as the impersonation, and is ended when it ends.
    const impersonation = signedIn.impersonation;
    if (impersonation) endConnectionsWhenExpired({ id: impersonation.id, targetUserId: signedIn.user.id, expiresAt: impersonation.expiresAt }, db);
    return reply(200, pusher.authenticateUser(parsed.data.socket_id, { id: pusherUserIdOf(signedIn) }), refreshed);
  }
  // Signed-out visitors may only subscribe to public boards' channels (canSubscribe decides which).
  const channel = fromPusherChannel(parsed.data.channel_name);
  if (!signedIn && !(channel && mayBeAnonymous([channel]))) return failure(401, "UNAUTHORIZED", "Sign in to receive live updates.", requestId);
  const subscriber = signedIn ? { userId: signedIn.user.id, staffRole: signedIn.user.staffRole, impersonated: signedIn.impersonation !== null } : null;
  const outcome = await authorizePusherSubscription(pusher, subscriber, { socketId: parsed.data.socket_id, pusherChannel: parsed.data.channel_name }, db);
  if (outcome.kind === "refused") return failure(403, "FORBIDDEN", outcome.reason, requestId);
  return reply(200, outcome.body, refreshed);
});
