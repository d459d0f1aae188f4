/**
 * The app's Pusher path end to end, without a browser: a pusher-dev server the env points at,
 * and pusher-js clients whose channel authorization calls the real /api/pusher/auth handler
 * with a session cookie (what the browser's ajax authorizer sends).
 */
import PusherClient, { type Channel, type ChannelAuthorizationHandler, type UserAuthenticationHandler } from "pusher-js";
import { POST } from "@/app/api/pusher/auth/route";
import { reconnectWhenTerminated } from "@/features/realtime/ui/reconnect-when-terminated";

export const PUSHER_APP = { appId: "app-test", key: "app-test-key", secret: "app-test-secret" };

export function callAuthRoute(form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return POST(
    new Request("http://localhost:3000/api/pusher/auth", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    }),
    {},
  );
}

/** pusher-js's customHandler, answering exactly as its ajax authorizer would with the route's response. */
export function routeAuthorizer(headers: Record<string, string>): ChannelAuthorizationHandler {
  return ({ socketId, channelName }, callback) => {
    void callAuthRoute({ socket_id: socketId, channel_name: channelName }, headers).then(async (response) => {
      if (response.ok) callback(null, (await response.json()) as { auth: string });
      else callback(Object.assign(new Error(`auth route answered ${response.status}`), { status: response.status }), null);
    });
  };
}

/** pusher-js's user authentication (`signin()`), answered by the same route (no channel_name). */
export function routeUserAuthenticator(headers: Record<string, string>): UserAuthenticationHandler {
  return ({ socketId }, callback) => {
    void callAuthRoute({ socket_id: socketId }, headers).then(async (response) => {
      if (response.ok) callback(null, (await response.json()) as { auth: string; user_data: string });
      else callback(Object.assign(new Error(`auth route answered ${response.status}`), { status: response.status }), null);
    });
  };
}

export async function connect(port: number, headers: Record<string, string>, clients: PusherClient[], opts: { signIn?: boolean } = {}): Promise<PusherClient> {
  const client = new PusherClient(PUSHER_APP.key, {
    cluster: "local",
    wsHost: "127.0.0.1",
    wsPort: port,
    forceTLS: false,
    enabledTransports: ["ws"],
    channelAuthorization: { customHandler: routeAuthorizer(headers) },
    userAuthentication: { customHandler: routeUserAuthenticator(headers) } as never,
  });
  // As the app's client does (createPusherClient).
  if (opts.signIn) {
    reconnectWhenTerminated(client);
    client.signin();
  }
  clients.push(client);
  await new Promise<void>((resolve) => client.connection.bind("connected", () => resolve()));
  return client;
}

export function subscribed(client: PusherClient, name: string): Promise<Channel> {
  const channel = client.subscribe(name);
  return new Promise((resolve, reject) => {
    channel.bind("pusher:subscription_succeeded", () => resolve(channel));
    channel.bind("pusher:subscription_error", (error: { status?: number; error?: string }) => reject(new Error(`refused: ${error.status} ${error.error}`)));
  });
}

export function nextEvent<T = unknown>(channel: Channel, event: string, timeoutMs = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' on ${channel.name} within ${timeoutMs} ms`)), timeoutMs);
    channel.bind(event, (data: T) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}
