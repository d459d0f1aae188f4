import type PusherClient from "pusher-js";
import type { UserAuthenticationHandler } from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TERMINATED_CLOSE_CODE, reconnectWhenTerminated } from "@/features/realtime/ui/reconnect-when-terminated";
import { connectClient, rawSocket, startHarness, subscribe, until, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

/** Signs users in like an app's user-authentication endpoint would (pusher.authenticateUser). */
const signingUser =
  (id: string): UserAuthenticationHandler =>
  ({ socketId }, callback) =>
    callback(null, h.pusher.authenticateUser(socketId, { id }));

/** A client signed in as `id` while `access.session` holds (the app's user-authentication endpoint refuses a signed-out session). */
async function signedIn(id: string, allowed: { channels: boolean; session?: boolean } = { channels: true }, opts: { reconnect?: boolean } = { reconnect: true }): Promise<PusherClient> {
  const client = await connectClient(h, {
    userAuthentication: {
      customHandler: ((params, callback) => (allowed.session === false ? callback(new Error("signed out"), null) : signingUser(id)(params, callback))) satisfies UserAuthenticationHandler,
    } as never,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) =>
        allowed.channels ? callback(null, h.pusher.authorizeChannel(socketId, channelName)) : callback(new Error("refused"), null),
    },
  });
  if (opts.reconnect) reconnectWhenTerminated(client);
  client.signin();
  await until(() => (client.user as unknown as { user_data: { id: string } | null }).user_data?.id === id);
  return client;
}

function closeCodes(client: PusherClient): number[] {
  const codes: number[] = [];
  client.connection.bind("error", (e: { error?: { data?: { code?: number } } }) => e.error?.data?.code && codes.push(e.error.data.code));
  return codes;
}

describe("pusher-dev: user sign-in and terminate_connections through the real SDKs", () => {
  it("signs a user in, and terminate_connections closes that user's connections only; their reconnect is authorized afresh", async () => {
    const access = { channels: true };
    const alice = await signedIn("u-alice", access);
    const bob = await signedIn("u-bob");
    const [aliceChannel, bobChannel] = [await subscribe(alice, "private-workspace-1"), await subscribe(bob, "private-workspace-1")];
    const heard = { alice: 0, bob: 0 };
    aliceChannel.bind("members.changed", () => heard.alice++);
    bobChannel.bind("members.changed", () => heard.bob++);
    const states: string[] = [];
    alice.connection.bind("state_change", ({ current }: { current: string }) => states.push(current));
    const codes = closeCodes(alice);

    // Alice loses access (removed from the workspace), then the app ends her connections.
    access.channels = false;
    let refused = false;
    aliceChannel.bind("pusher:subscription_error", () => (refused = true));
    await h.pusher.terminateUserConnections("u-alice");
    await until(() => refused, 5_000);
    // Closed as hosted Pusher closes it; pusher-js would stay disconnected; the app's client reconnects.
    expect(codes).toContain(TERMINATED_CLOSE_CODE);
    expect(states).toEqual(expect.arrayContaining(["disconnected", "connecting", "connected"]));
    expect(bob.connection.state).toBe("connected");

    await h.pusher.trigger("private-workspace-1", "members.changed", {});
    await until(() => heard.bob === 1);
    expect(heard.alice).toBe(0);
    // pusher-js signed her in again on reconnect (her session is still valid; only the channel is gone).
    await until(() => (alice.user as unknown as { user_data: { id: string } | null }).user_data?.id === "u-alice");
  });

  it("plain pusher-js stays disconnected after a terminate (4009 is 'refused'); a signed-out tab reconnects once, anonymously, and doesn't loop", async () => {
    const plain = await signedIn("u-carol", { channels: true }, { reconnect: false });
    await h.pusher.terminateUserConnections("u-carol");
    await until(() => plain.connection.state === "disconnected", 5_000);

    const access = { channels: true, session: true };
    const dave = await signedIn("u-dave", access);
    const states: string[] = [];
    dave.connection.bind("state_change", ({ current }: { current: string }) => states.push(current));
    access.session = false; // signed out: the app refuses her sign-in from now on
    await h.pusher.terminateUserConnections("u-dave");
    await until(() => states.includes("disconnected") && dave.connection.state === "connected", 5_000);
    // Connected but not signed in: nothing the server can terminate, and no reconnect loop.
    expect((dave.user as unknown as { user_data: unknown }).user_data).toBeNull();
    expect(plain.connection.state).toBe("disconnected");
  });

  it("refuses a sign-in with a bad signature (closes with 4009) and the server-to-user channel of another user", async () => {
    const { ws, frames, closed } = await rawSocket(h, "/app/contract-key?protocol=7");
    await until(() => frames.length > 0);
    const socketId = JSON.parse(frames[0]!.data as string).socket_id as string;
    ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "#server-to-user-u-bob" } }));
    await until(() => frames.some((f) => f.event === "pusher:subscription_error"));
    const forged = h.pusher.authenticateUser("1.1", { id: "u-bob" });
    ws.send(JSON.stringify({ event: "pusher:signin", data: { auth: forged.auth, user_data: forged.user_data, socket: socketId } }));
    expect(await closed).toBe(4009);
  });
});
