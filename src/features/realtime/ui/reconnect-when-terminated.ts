import type PusherJs from "pusher-js";

/**
 * The close code of `terminate_connections` on hosted Pusher (and on soketi and sockudo, which
 * follow it): "You got disconnected by the app." pusher-js treats every 4000–4099 close as
 * "refused" and stays disconnected, so without this a terminated tab would never come back.
 */
export const TERMINATED_CLOSE_CODE = 4009;

type ConnectionError = { error?: { data?: { code?: unknown } }; data?: { code?: unknown } };
const codeOf = (event: ConnectionError | undefined) => event?.error?.data?.code ?? event?.data?.code;

/**
 * A signed-in connection that the server terminated (sign-out, a revoked session, a removed
 * membership) reconnects at once, so that its session and each channel are authorized afresh:
 * a removed member keeps their other channels, a signed-out tab keeps only public ones. It
 * reconnects only after a sign-in succeeded since its last reconnect: a connection refused again
 * before signing in (a bad sign-in signature also closes with 4009) stays disconnected instead of
 * looping.
 */
export function reconnectWhenTerminated(client: PusherJs): void {
  let terminated = false;
  let signedInSinceReconnect = true;
  client.connection.bind("error", (event: ConnectionError) => {
    if (codeOf(event) === TERMINATED_CLOSE_CODE) terminated = true;
  });
  client.connection.bind("message", (message: { event?: string }) => {
    if (message.event === "pusher:signin_success") signedInSinceReconnect = true;
  });
  client.connection.bind("state_change", ({ current }: { current: string }) => {
    if (current !== "disconnected" || !terminated) return;
    terminated = false;
    if (!signedInSinceReconnect) return;
    signedInSinceReconnect = false;
    client.connect();
  });
}
