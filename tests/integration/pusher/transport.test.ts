import { vi } from "vitest";

// The env module validates once, at first import: point PUSHER_* at a port chosen now.
const port = await vi.hoisted(async () => {
  const { findFreePort } = await import("../../../tools/embedded-postgres");
  const free = await findFreePort();
  Object.assign(process.env, {
    PUSHER_APP_ID: "app-test",
    PUSHER_KEY: "app-test-key",
    PUSHER_SECRET: "app-test-secret",
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(free),
  });
  return free;
});

import type PusherClient from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createFeedbackBoard, createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { boardChannel, toPusherChannel, userChannel, workspaceChannel } from "@/server/realtime/channels";
import { publish } from "@/server/realtime/publish";
import { createPusherTransport, pusherServerFromEnv, registerPusherTransportFromEnv } from "@/server/realtime/pusher-transport";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";
import { startPusherDevServer, type PusherDevServer } from "../../../tools/pusher-dev/server";
import { PUSHER_APP, callAuthRoute, connect, nextEvent, subscribed } from "./harness";

let server: PusherDevServer;
let unregister: (() => void) | null;
const clients: PusherClient[] = [];

beforeAll(async () => {
  server = await startPusherDevServer({ ...PUSHER_APP, port });
  unregister = registerPusherTransportFromEnv();
});
afterAll(async () => {
  unregister?.();
  for (const client of clients) client.disconnect();
  await server.stop();
});

describe("publishing through the Pusher transport", () => {
  it("reaches a pusher-js client that subscribed through /api/pusher/auth", async () => {
    const random = createRandom(701);
    const member = await createUser(db, random);
    const workspace = await createWorkspaceWithMembers(db, random, { owner: member });
    const client = await connect(port, await signedInHeaders(member.id), clients);
    const [wsChannel, meChannel] = await Promise.all([
      subscribed(client, toPusherChannel(workspaceChannel(workspace.id))),
      subscribed(client, toPusherChannel(userChannel(member.id))),
    ]);

    const received = Promise.all([nextEvent(wsChannel, "item.created"), nextEvent(meChannel, "notice")]);
    const stored = await publish(workspaceChannel(workspace.id), { type: "item.created", data: { itemId: "i-1" }, clientMutationId: "m-1" });
    await publish(userChannel(member.id), { type: "notice", data: null });
    const [workspaceEvent, userEvent] = await received;
    expect(workspaceEvent).toEqual({ id: stored.id, data: { itemId: "i-1" }, clientMutationId: "m-1", channel: workspaceChannel(workspace.id) });
    expect(userEvent).toMatchObject({ data: null, clientMutationId: null, channel: userChannel(member.id) });
  });

  it("removing a member or signing out terminates their signed-in pusher-js connection; the reconnect is refused the workspace", async () => {
    const random = createRandom(707);
    const [owner, member] = [await createUser(db, random), await createUser(db, random)];
    const workspace = await createWorkspaceWithMembers(db, random, { owner, members: [{ user: member, role: "member" }] });
    const headers = await signedInHeaders(member.id, { twoFactorVerified: true });
    const client = await connect(port, headers, clients, { signIn: true });
    await vi.waitFor(() => expect((client.user as unknown as { user_data: { id: string } | null }).user_data?.id).toBe(member.id), { timeout: 30_000 });
    const channel = await subscribed(client, toPusherChannel(workspaceChannel(workspace.id)));
    const refusals: string[] = [];
    channel.bind("pusher:subscription_error", (error: { error: string }) => refusals.push(error.error));
    const heard: string[] = [];
    channel.bind("members.changed", () => heard.push("members.changed"));
    channel.bind("later", () => heard.push("later"));

    const ownerCaller = await callerWithHeaders(await signedInHeaders(owner.id, { twoFactorVerified: true }));
    const slug = (await db.query.workspaces.findFirst({ where: (w, { eq }) => eq(w.id, workspace.id) }))!.slug;
    await ownerCaller.workspaces.removeMember({ workspaceSlug: slug, userId: member.id });
    await vi.waitFor(() => expect(refusals).toEqual(["auth route answered 403"]), { timeout: 30_000 });
    await publish(workspaceChannel(workspace.id), { type: "later", data: {} });
    // Another channel still works on the same (reconnected) client: only the workspace was lost.
    const mine = await subscribed(client, toPusherChannel(userChannel(member.id)));
    const notice = nextEvent(mine, "notice");
    await publish(userChannel(member.id), { type: "notice", data: null });
    await notice;
    expect(heard).not.toContain("later");

    // Signing out: the connection is terminated, and without a session nothing private is signed again.
    await vi.waitFor(() => expect((client.user as unknown as { user_data: { id: string } | null }).user_data?.id).toBe(member.id), { timeout: 30_000 });
    const mineRefused = new Promise<string>((resolve) => mine.bind("pusher:subscription_error", (error: { error: string }) => resolve(error.error)));
    await (await callerWithHeaders(headers)).auth.signOut();
    expect(await mineRefused).toBe("auth route answered 401");
  });

  it("refuses to send more than Pusher's 10 KB, saying so", async () => {
    const transport = createPusherTransport(pusherServerFromEnv()!);
    const event = { id: "1", channel: "staff", type: "big", data: "x".repeat(10 * 1024), clientMutationId: null, createdAt: new Date() };
    await expect(transport.deliver("staff", event)).rejects.toThrow(/is 10\d{3} bytes as sent; Pusher accepts at most 10240/);
  });
});

describe("/api/pusher/auth", () => {
  it("signs only channels canSubscribe allows: another workspace is 403, presence is 403", async () => {
    const random = createRandom(702);
    const [me, stranger] = [await createUser(db, random), await createUser(db, random)];
    const mine = await createWorkspaceWithMembers(db, random, { owner: me });
    const theirs = await createWorkspaceWithMembers(db, random, { owner: stranger });
    const headers = await signedInHeaders(me.id);
    const ask = (channel: string) => callAuthRoute({ socket_id: "123.456", channel_name: channel }, headers);

    const ok = await ask(toPusherChannel(workspaceChannel(mine.id)));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ auth: expect.stringMatching(new RegExp(`^${PUSHER_APP.key}:[0-9a-f]{64}$`)) });
    expect((await ask(toPusherChannel(workspaceChannel(theirs.id)))).status).toBe(403);
    expect((await ask(toPusherChannel("staff"))).status).toBe(403);
    expect((await ask(`presence-workspace-${mine.id}`)).status).toBe(403);

    // And pusher-js sees the refusal as a subscription error.
    const client = await connect(port, headers, clients);
    await expect(subscribed(client, toPusherChannel(workspaceChannel(theirs.id)))).rejects.toThrow(/refused/);
  });

  it("answers 400 naming a bad field, 401 without a session and 403 to another site", async () => {
    const me = await createUser(db, createRandom(703));
    const headers = await signedInHeaders(me.id);
    const channel = toPusherChannel(userChannel(me.id));

    const badSocket = await callAuthRoute({ socket_id: "abc", channel_name: channel }, headers);
    expect(badSocket.status).toBe(400);
    expect((await badSocket.json()).error.message).toMatch(/^socket_id /);
    const badChannel = await callAuthRoute({ socket_id: "1.2", channel_name: "private-no spaces" }, headers);
    expect((await badChannel.json()).error.message).toMatch(/^channel_name /);
    // Without channel_name it is pusher-js's user authentication: signed in only, as the session's user.
    const userAuth = await callAuthRoute({ socket_id: "1.2" }, headers);
    expect(userAuth.status).toBe(200);
    expect(JSON.parse(((await userAuth.json()) as { user_data: string }).user_data)).toEqual({ id: me.id });
    expect((await callAuthRoute({ socket_id: "1.2" })).status).toBe(401);

    expect((await callAuthRoute({ socket_id: "1.2", channel_name: channel })).status).toBe(401);
    expect((await callAuthRoute({ socket_id: "1.2", channel_name: channel }, { ...headers, cookie: "gw_session=not-a-token" })).status).toBe(401);
    const crossSite = await callAuthRoute({ socket_id: "1.2", channel_name: channel }, { ...headers, "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.message).toMatch(/another site/);
  });

  it("rate-limits per user", async () => {
    const me = await createUser(db, createRandom(704));
    const headers = await signedInHeaders(me.id);
    const form = { socket_id: "1.2", channel_name: toPusherChannel(userChannel(me.id)) };
    const statuses = new Set<number>();
    for (let i = 0; i < 120; i++) statuses.add((await callAuthRoute(form, headers)).status);
    expect([...statuses]).toEqual([200]);
    const limited = await callAuthRoute(form, headers);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("board channels over Pusher for signed-out visitors", () => {
  it("signs a public board's channel without a session and delivers to that pusher-js client; private boards and other channels are refused", async () => {
    const random = createRandom(705);
    const owner = await createUser(db, random);
    const ws = await createWorkspaceWithMembers(db, random, { owner });
    const open = await createFeedbackBoard(db, random, { workspaceId: ws.id, visibility: "public" });
    const closed = await createFeedbackBoard(db, random, { workspaceId: ws.id, visibility: "private" });
    const ask = (channel: string, headers: Record<string, string> = {}) => callAuthRoute({ socket_id: "123.456", channel_name: channel }, headers);

    expect((await ask(toPusherChannel(boardChannel(open.id)))).status).toBe(200);
    expect((await ask(toPusherChannel(boardChannel(closed.id)))).status).toBe(403);
    expect((await ask(toPusherChannel(boardChannel(closed.id)), await signedInHeaders(owner.id))).status).toBe(200);
    expect((await ask(toPusherChannel(workspaceChannel(ws.id)))).status).toBe(401);
    expect((await ask(toPusherChannel(userChannel(owner.id)))).status).toBe(401);

    const anonymous = await connect(port, {}, clients);
    const channel = await subscribed(anonymous, toPusherChannel(boardChannel(open.id)));
    const received = nextEvent<{ data: unknown }>(channel, "feedback.vote");
    await publish(boardChannel(open.id), { type: "feedback.vote", data: { postId: "p", voteCount: 1 } });
    expect((await received).data).toEqual({ postId: "p", voteCount: 1 });
    await expect(subscribed(anonymous, toPusherChannel(boardChannel(closed.id)))).rejects.toThrow(/refused/);
  });
});
