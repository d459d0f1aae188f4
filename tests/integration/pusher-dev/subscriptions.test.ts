import type { PresenceChannel } from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, nextEvent, signingHandler, startHarness, subscribe, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

type Member = { id: string; info: unknown };

describe("pusher-dev: subscriptions through pusher-js", () => {
  it("refuses a private subscription signed with the wrong secret, as an AuthError with status 401", async () => {
    const client = await connectClient(h, {
      channelAuthorization: { customHandler: (_params, callback) => callback(null, { auth: `contract-key:${"0".repeat(64)}` }) },
    });
    const refusal = await subscribe(client, "private-secret").catch((error: { detail: unknown }) => error.detail);
    expect(refusal).toEqual({ type: "AuthError", error: expect.stringMatching(/Invalid signature/), status: 401 });
  });

  it("refuses a signature made for another socket", async () => {
    const victim = await connectClient(h);
    const stolen = h.pusher.authorizeChannel(victim.connection.socket_id, "private-secret");
    const thief = await connectClient(h, { channelAuthorization: { customHandler: (_params, callback) => callback(null, stolen) } });
    const refusal = await subscribe(thief, "private-secret").then(
      () => null,
      (error: { detail: unknown }) => error.detail,
    );
    expect(refusal).toMatchObject({ type: "AuthError", status: 401 });
  });

  it("keeps presence members: ids and info on subscribe, member_added and member_removed", async () => {
    const alice = await connectClient(h, { channelAuthorization: { customHandler: signingHandler(h.pusher, { user_id: "u-alice", user_info: { name: "Alice" } }) } });
    const bob = await connectClient(h, { channelAuthorization: { customHandler: signingHandler(h.pusher, { user_id: "u-bob", user_info: { name: "Bob" } }) } });
    const bobTab2 = await connectClient(h, { channelAuthorization: { customHandler: signingHandler(h.pusher, { user_id: "u-bob", user_info: { name: "Bob" } }) } });

    const aliceChannel = (await subscribe(alice, "presence-room")) as PresenceChannel;
    expect(aliceChannel.members.count).toBe(1);
    expect(aliceChannel.members.me).toEqual({ id: "u-alice", info: { name: "Alice" } });

    const added = nextEvent<Member>(aliceChannel, "pusher:member_added");
    const bobChannel = (await subscribe(bob, "presence-room")) as PresenceChannel;
    expect(await added).toEqual({ id: "u-bob", info: { name: "Bob" } });
    expect(bobChannel.members.count).toBe(2);
    expect(Object.keys(bobChannel.members.members).sort()).toEqual(["u-alice", "u-bob"]);

    // A second tab of the same user is not a new member, and closing one tab is not leaving.
    const memberEvents: string[] = [];
    aliceChannel.bind("pusher:member_added", (m: Member) => memberEvents.push(`+${m.id}`));
    aliceChannel.bind("pusher:member_removed", (m: Member) => memberEvents.push(`-${m.id}`));
    await subscribe(bobTab2, "presence-room");
    bobTab2.unsubscribe("presence-room");
    const removed = nextEvent<Member>(aliceChannel, "pusher:member_removed");
    bob.disconnect();
    expect((await removed).id).toBe("u-bob");
    expect(memberEvents).toEqual(["-u-bob"]);
    expect(aliceChannel.members.count).toBe(1);
  });

  it("stops delivering after unsubscribe", async () => {
    const client = await connectClient(h);
    const channel = await subscribe(client, "private-leaving");
    const seen: unknown[] = [];
    channel.bind("e", (data: unknown) => seen.push(data));
    client.unsubscribe("private-leaving");
    const witness = await subscribe(await connectClient(h), "private-leaving");
    const arrived = nextEvent(witness, "e");
    await h.pusher.trigger("private-leaving", "e", { n: 1 });
    await arrived;
    expect(seen).toEqual([]);
  });
});
