import "server-only";
import type Pusher from "pusher";
import type { DbOrTx } from "@/server/db/client";
import type { RateLimitRule } from "@/server/rate-limit/consume";
import { canSubscribe, type Subscriber } from "./authorize";
import { fromPusherChannel } from "./channels";

/** pusher-js asks once per private channel per (re)connection; a page holds a handful. */
export const PUSHER_AUTH_RATE_LIMIT: RateLimitRule = { name: "pusher-auth", limit: 120, windowSeconds: 60 };

export type PusherAuthOutcome = { kind: "authorized"; body: { auth: string } } | { kind: "refused"; reason: string };

/**
 * Signs a pusher-js subscription when `canSubscribe` (the rule SSE uses too) allows the
 * channel. Only Groundwork's `private-` channels map back to a channel name; presence and
 * public names do not, so they are refused here.
 */
export async function authorizePusherSubscription(
  pusher: Pusher,
  subscriber: Subscriber,
  input: { socketId: string; pusherChannel: string },
  db: DbOrTx,
): Promise<PusherAuthOutcome> {
  const channel = fromPusherChannel(input.pusherChannel);
  if (!channel) return { kind: "refused", reason: `${input.pusherChannel} is not a Groundwork channel.` };
  if (!(await canSubscribe(subscriber, channel, db))) return { kind: "refused", reason: `You may not subscribe to ${input.pusherChannel}.` };
  return { kind: "authorized", body: pusher.authorizeChannel(input.socketId, input.pusherChannel) };
}
