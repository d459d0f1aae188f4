import { createHash, createHmac } from "node:crypto";
import Pusher from "pusher";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP, connectClient, nextEvent, startHarness, subscribe, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

type RequestError = { status?: number; body?: string };
const rejection = (promise: Promise<unknown>) => promise.then(() => ({}) as RequestError, (error: RequestError) => error);

describe("pusher-dev: the HTTP trigger API through the pusher SDK", () => {
  it("delivers a trigger to subscribers of a public and a private channel", async () => {
    const client = await connectClient(h);
    const [pub, priv] = await Promise.all([subscribe(client, "news"), subscribe(client, "private-team-1")]);
    const received = Promise.all([nextEvent(pub, "created"), nextEvent(priv, "created")]);
    await h.pusher.trigger(["news", "private-team-1"], "created", { id: 7, title: "héllo" });
    expect(await received).toEqual([{ id: 7, title: "héllo" }, { id: 7, title: "héllo" }]);
  });

  it("delivers every event of a batch, in order", async () => {
    const client = await connectClient(h);
    const channel = await subscribe(client, "private-batch");
    const got: unknown[] = [];
    channel.bind("tick", (data: unknown) => got.push(data));
    await h.pusher.triggerBatch(Array.from({ length: 10 }, (_, n) => ({ channel: "private-batch", name: "tick", data: { n } })));
    await expect.poll(() => got.length).toBe(10);
    expect(got).toEqual(Array.from({ length: 10 }, (_, n) => ({ n })));
    const tooMany = await rejection(h.pusher.triggerBatch(Array.from({ length: 11 }, () => ({ channel: "private-batch", name: "tick", data: {} }))));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatch(/Batch too large: 11 events/);
  });

  it("skips the connection named by socket_id (the sender of a change)", async () => {
    const [sender, other] = [await connectClient(h), await connectClient(h)];
    const [senderChannel, otherChannel] = await Promise.all([subscribe(sender, "private-room"), subscribe(other, "private-room")]);
    const seenBySender: unknown[] = [];
    senderChannel.bind("moved", (data: unknown) => seenBySender.push(data));
    const seenByOther = nextEvent(otherChannel, "moved");
    await h.pusher.trigger("private-room", "moved", { x: 1 }, { socket_id: sender.connection.socket_id });
    expect(await seenByOther).toEqual({ x: 1 });
    const fence = nextEvent(senderChannel, "fence");
    await h.pusher.trigger("private-room", "fence", {});
    await fence;
    expect(seenBySender).toEqual([]);
  });

  it("refuses data over 10 KB with 413, and more than 100 channels with 400", async () => {
    const big = await rejection(h.pusher.trigger("news", "big", "x".repeat(10 * 1024 + 1)));
    expect(big.status).toBe(413);
    expect(big.body).toMatch(/exceeds the allowed maximum \(10240 bytes\)/);
    await expect(h.pusher.trigger("news", "fits", "x".repeat(10 * 1024))).resolves.toBeTruthy();
    // The SDK refuses > 100 channels itself; the raw post proves the server does too.
    const channels = Array.from({ length: 101 }, (_, n) => `c${n}`);
    // `post` JSON-encodes its body although its type says string.
    const body = { name: "e", data: "{}", channels } as unknown as string;
    const wide = await rejection(h.pusher.post({ path: "/events", body }));
    expect(wide.status).toBe(400);
    expect(wide.body).toMatch(/Too many channels: 101/);
  });

  it("answers 401 to a wrong secret, a stale timestamp or a body that doesn't match body_md5", async () => {
    const impostor = new Pusher({ ...APP, secret: "not-the-secret", host: h.server.host, port: String(h.server.port), useTLS: false });
    const forged = await rejection(impostor.trigger("news", "e", {}));
    expect(forged.status).toBe(401);
    expect(forged.body).toMatch(/Invalid signature/);

    const body = JSON.stringify({ name: "e", data: "{}", channels: ["news"] });
    const stale = await signedPost(body, { timestamp: Math.floor(Date.now() / 1000) - 601 });
    expect(stale.status).toBe(401);
    expect(await stale.text()).toMatch(/Timestamp expired/);
    const tampered = await signedPost(body, { sendBody: body.replace("news", "other") });
    expect(tampered.status).toBe(401);
    expect(await tampered.text()).toMatch(/body_md5/);
    expect((await signedPost(body)).status).toBe(200);
  });

  it("answers 403 for another app's id and 400 naming an unsupported endpoint", async () => {
    const otherApp = new Pusher({ ...APP, appId: "someone-else", host: h.server.host, port: String(h.server.port), useTLS: false });
    expect((await rejection(otherApp.trigger("news", "e", {}))).status).toBe(403);
    const channels = await rejection(h.pusher.get({ path: "/channels" }));
    expect(channels.status).toBe(400);
    expect(channels.body).toMatch(/does not support GET \/channels/);
  });
});

/** A hand-signed request, to reach the checks the SDK never gets wrong. */
function signedPost(body: string, opts: { timestamp?: number; sendBody?: string } = {}) {
  const path = `/apps/${APP.appId}/events`;
  const params = `auth_key=${APP.key}&auth_timestamp=${opts.timestamp ?? Math.floor(Date.now() / 1000)}&auth_version=1.0&body_md5=${createHash("md5").update(body).digest("hex")}`;
  const signature = createHmac("sha256", APP.secret).update(`POST\n${path}\n${params}`).digest("hex");
  return fetch(`${h.server.url}${path}?${params}&auth_signature=${signature}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: opts.sendBody ?? body,
  });
}
