import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP, connectClient, nextEvent, rawSocket, startHarness, subscribe, until, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

describe("pusher-dev: connections", () => {
  it("greets with a protocol-7 socket id and activity timeout", async () => {
    const { ws, frames } = await rawSocket(h, `/app/${APP.key}?protocol=7&client=js&version=8.6.0`);
    await until(() => frames.length > 0);
    expect(frames[0]!.event).toBe("pusher:connection_established");
    const data = JSON.parse(frames[0]!.data as string) as { socket_id: string; activity_timeout: number };
    expect(data.socket_id).toMatch(/^\d+\.\d+$/);
    expect(data.activity_timeout).toBe(120);
    ws.close();
  });

  it("refuses an unknown key with 4001 and an unsupported protocol with 4007", async () => {
    const unknown = await rawSocket(h, "/app/nope?protocol=7");
    expect(await unknown.closed).toBe(4001);
    expect(unknown.frames[0]).toMatchObject({ event: "pusher:error", data: { code: 4001 } });
    const oldProtocol = await rawSocket(h, `/app/${APP.key}?protocol=5`);
    expect(await oldProtocol.closed).toBe(4007);
  });

  it("answers pusher-js's keepalive pings, so an idle connection stays up", async () => {
    const client = await connectClient(h, { activityTimeout: 100, pongTimeout: 2000 });
    let pongs = 0;
    client.connection.bind("message", (event: { event: string }) => {
      if (event.event === "pusher:pong") pongs++;
    });
    const states: string[] = [];
    client.connection.bind("state_change", ({ current }: { current: string }) => states.push(current));
    await until(() => pongs >= 3, 3000);
    expect(states).toEqual([]);
    expect(client.connection.state).toBe("connected");
  });

  it("relays client events to the other subscribers of a private channel, never back to the sender", async () => {
    const [alice, bob] = [await connectClient(h), await connectClient(h)];
    const [aliceChannel, bobChannel] = await Promise.all([subscribe(alice, "private-chat"), subscribe(bob, "private-chat")]);
    const echoed: unknown[] = [];
    aliceChannel.bind("client-typing", (data: unknown) => echoed.push(data));
    const received = nextEvent(bobChannel, "client-typing");
    expect(aliceChannel.trigger("client-typing", { who: "alice" })).toBe(true);
    expect(await received).toEqual({ who: "alice" });
    const reply = nextEvent(aliceChannel, "client-typing");
    bobChannel.trigger("client-typing", { who: "bob" });
    expect(await reply).toEqual({ who: "bob" });
    expect(echoed).toEqual([{ who: "bob" }]);
  });

  it("rejects client events on public channels with 4301, and names unsupported events", async () => {
    const { ws, frames } = await rawSocket(h, `/app/${APP.key}?protocol=7`);
    ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "lobby" } }));
    ws.send(JSON.stringify({ event: "client-hello", channel: "lobby", data: {} }));
    ws.send(JSON.stringify({ event: "pusher:watchlist", data: {} }));
    ws.send(JSON.stringify({ event: "pusher:subscribe", data: { channel: "private-encrypted-x", auth: "x" } }));
    await until(() => frames.length >= 5);
    const errors = frames.filter((f) => f.event === "pusher:error").map((f) => f.data as { code: number | null; message: string });
    expect(errors[0]).toMatchObject({ code: 4301, message: expect.stringMatching(/only allowed on private and presence/) });
    expect(errors[1]!.message).toMatch(/does not support the event 'pusher:watchlist'/);
    expect(errors[2]!.message).toMatch(/does not support encrypted channels/);
    ws.close();
  });
});
