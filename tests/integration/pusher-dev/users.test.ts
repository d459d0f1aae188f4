import type PusherClient from "pusher-js";
import type { UserAuthenticationHandler } from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

async function signedIn(id: string, allowed: { channels: boolean } = { channels: true }): Promise<PusherClient> {
  const client = await connectClient(h, {
    userAuthentication: { customHandler: signingUser(id) } as never,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) =>
        allowed.channels ? callback(null, h.pusher.authorizeChannel(socketId, channelName)) : callback(new Error("refused"), null),
    },
  });
  client.signin();
  await until(() => (client.user as unknown as { user_data: { id: string } | null }).user_data?.id === id);
  return client;
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

    // Alice loses access (removed from the workspace), then the app ends her connections.
    access.channels = false;
    let refused = false;
    aliceChannel.bind("pusher:subscription_error", () => (refused = true));
    await h.pusher.terminateUserConnections("u-alice");
    await until(() => refused, 5_000);
    expect(states).toContain("connecting");
    expect(bob.connection.state).toBe("connected");

    await h.pusher.trigger("private-workspace-1", "members.changed", {});
    await until(() => heard.bob === 1);
    expect(heard.alice).toBe(0);
    // pusher-js signed her in again on reconnect (her session is still valid; only the channel is gone).
    await until(() => (alice.user as unknown as { user_data: { id: string } | null }).user_data?.id === "u-alice");
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
