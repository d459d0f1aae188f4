/**
 * Stop (and expiry, and a new impersonation replacing one) ends the impersonation's open live
 * connections at once: its SSE streams in every process (through NOTIFY) and its Pusher
 * connection (signed in as the impersonation, terminate_connections) — and nothing of the
 * user's own or the staff member's own. Over real HTTP to `start:realtime`'s server and a
 * pusher-dev server with pusher-js clients.
 */
import { vi } from "vitest";

// The env module validates once, at first import: point PUSHER_* at a port chosen now.
const pusherPort = await vi.hoisted(async () => {
  const { findFreePort } = await import("../../../tools/embedded-postgres");
  const free = await findFreePort();
  Object.assign(process.env, { PUSHER_APP_ID: "app-test", PUSHER_KEY: "app-test-key", PUSHER_SECRET: "app-test-secret", PUSHER_HOST: "127.0.0.1", PUSHER_PORT: String(free) });
  return free;
});

import { and, eq, isNull, sql } from "drizzle-orm";
import type PusherClient from "pusher-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { impersonationSessions } from "@/server/db/schema";
import { toPusherChannel, userChannel, workspaceChannel } from "@/server/realtime/channels";
import { impersonationConnectionId } from "@/server/realtime/end-connections";
import { realtimeHub } from "@/server/realtime/hub";
import { endConnectionsWhenExpired, watchedUntil } from "@/server/realtime/impersonation-expiry";
import { publish } from "@/server/realtime/publish";
import { registerPusherTransportFromEnv } from "@/server/realtime/pusher-transport";
import { streamLifetimeMs } from "@/server/realtime/sse";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime/standalone";
import { signedInHeaders } from "../../support/sessions";
import { startPusherDevServer, type PusherDevServer } from "../../../tools/pusher-dev/server";
import { PUSHER_APP, connect, subscribed } from "../pusher/harness";
import { call, makeWorld, startOverHttp } from "./world";
import { openSseStream } from "../../support/sse-stream";

let server: RealtimeServer;
let pusherDev: PusherDevServer;
let unregister: (() => void) | null;
const clients: PusherClient[] = [];
beforeAll(async () => {
  server = await startRealtimeServer({ port: 0 });
  pusherDev = await startPusherDevServer({ ...PUSHER_APP, port: pusherPort });
  unregister = registerPusherTransportFromEnv();
});
afterAll(async () => {
  unregister?.();
  for (const client of clients) client.disconnect();
  await pusherDev.stop();
  await server.stop();
  await realtimeHub().stop();
});

const openStream = (channels: string[], headers: Record<string, string>) => openSseStream(server.origin, channels, headers);

const openImpersonationOf = async (targetUserId: string) =>
  (await db.select({ id: impersonationSessions.id }).from(impersonationSessions).where(and(eq(impersonationSessions.targetUserId, targetUserId), isNull(impersonationSessions.endedAt))))[0]!.id;
const signedInAs = (client: PusherClient) => (client.user as unknown as { user_data: { id: string } | null }).user_data?.id;
const refusals = (channel: { bind: (event: string, fn: (error: { error: string }) => void) => void }) => {
  const seen: string[] = [];
  channel.bind("pusher:subscription_error", (error) => seen.push(error.error));
  return seen;
};

describe("ending an impersonation ends its live connections", () => {
  it("Stop ends its SSE streams at once; the user's own stream and the staff member's stay; a reconnect is the staff member's and refused", async () => {
    const w = await makeWorld();
    const { headers, staffHeaders } = await startOverHttp(w.staff.id, w.user.id);
    const channels = [workspaceChannel(w.workspace.id), userChannel(w.user.id)];
    const impersonating = await openStream(channels, headers);
    expect(impersonating.status).toBe(200);
    const own = await openStream(channels, await signedInHeaders(w.user.id, { twoFactorVerified: true }));
    const staffOwn = await openStream([userChannel(w.staff.id)], staffHeaders);

    expect((await call("impersonation.stop", undefined, headers, "mutation")).status).toBe(200);
    await impersonating.ended;
    expect(impersonating.events).toContain("realtime.rotate");

    await publish(workspaceChannel(w.workspace.id), { type: "members.changed", data: {} });
    await expect.poll(() => own.events.includes("members.changed")).toBe(true);
    expect(impersonating.events).not.toContain("members.changed");
    expect(own.isEnded()).toBe(false);
    expect(staffOwn.isEnded()).toBe(false);
    // The browser still holds the old cookie: the reconnect is the staff member, who is no member.
    expect((await openStream(channels, headers)).status).toBe(403);
    own.close();
    staffOwn.close();
  });

  it("Stop terminates its Pusher connection (signed in as the impersonation), not the user's own; the reconnect is refused the user's channels", async () => {
    const w = await makeWorld();
    const { headers } = await startOverHttp(w.staff.id, w.user.id);
    const impersonationId = await openImpersonationOf(w.user.id);
    const impersonating = await connect(pusherPort, headers, clients, { signIn: true });
    await vi.waitFor(() => expect(signedInAs(impersonating)).toBe(impersonationConnectionId(impersonationId)), { timeout: 30_000 });
    const theirs = await subscribed(impersonating, toPusherChannel(workspaceChannel(w.workspace.id)));
    const refused = refusals(theirs);
    const heard: string[] = [];
    theirs.bind("later", () => heard.push("later"));

    const own = await connect(pusherPort, await signedInHeaders(w.user.id, { twoFactorVerified: true }), clients, { signIn: true });
    await vi.waitFor(() => expect(signedInAs(own)).toBe(w.user.id), { timeout: 30_000 });
    const ownChannel = await subscribed(own, toPusherChannel(workspaceChannel(w.workspace.id)));
    const ownSocket = own.connection.socket_id;

    expect((await call("impersonation.stop", undefined, headers, "mutation")).status).toBe(200);
    await vi.waitFor(() => expect(refused).toEqual(["auth route answered 403"]), { timeout: 30_000 });
    const later = new Promise<void>((resolve) => ownChannel.bind("later", () => resolve()));
    await publish(workspaceChannel(w.workspace.id), { type: "later", data: {} });
    await later;
    expect(heard).toEqual([]);
    // The user's own connection was never terminated: the same socket heard it.
    expect(own.connection.socket_id).toBe(ownSocket);
  });

  it("expiry ends its Pusher connection: the process that signed it in watches the time", async () => {
    const w = await makeWorld();
    const { headers } = await startOverHttp(w.staff.id, w.user.id);
    const impersonationId = await openImpersonationOf(w.user.id);
    const impersonating = await connect(pusherPort, headers, clients, { signIn: true });
    await vi.waitFor(() => expect(signedInAs(impersonating)).toBe(impersonationConnectionId(impersonationId)), { timeout: 30_000 });
    const refused = refusals(await subscribed(impersonating, toPusherChannel(userChannel(w.user.id))));

    // The 15 minutes pass (the row says so); the watch set at sign-in is moved to now.
    const [row] = await db.update(impersonationSessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(impersonationSessions.id, impersonationId)).returning({ expiresAt: impersonationSessions.expiresAt });
    endConnectionsWhenExpired({ id: impersonationId, targetUserId: w.user.id, expiresAt: row!.expiresAt }, db);
    await vi.waitFor(() => expect(refused).toEqual(["auth route answered 403"]), { timeout: 30_000 });
    await vi.waitFor(() => expect(signedInAs(impersonating)).toBe(w.staff.id), { timeout: 30_000 });
  });

  it("a watch that fires before the row's expiry (the impersonation was extended) waits for the new time and ends nothing", async () => {
    const w = await makeWorld();
    const { headers } = await startOverHttp(w.staff.id, w.user.id);
    const impersonationId = await openImpersonationOf(w.user.id);
    const impersonating = await connect(pusherPort, headers, clients, { signIn: true });
    await vi.waitFor(() => expect(signedInAs(impersonating)).toBe(impersonationConnectionId(impersonationId)), { timeout: 30_000 });
    const socket = impersonating.connection.socket_id;
    const [row] = await db.select({ expiresAt: impersonationSessions.expiresAt }).from(impersonationSessions).where(eq(impersonationSessions.id, impersonationId));

    endConnectionsWhenExpired({ id: impersonationId, targetUserId: w.user.id, expiresAt: new Date() }, db);
    expect(watchedUntil(impersonationId)).toBeLessThan(row!.expiresAt.getTime());
    // It fired, read the row and now watches the row's time instead.
    await vi.waitFor(() => expect(watchedUntil(impersonationId)).toBe(row!.expiresAt.getTime()), { timeout: 30_000 });
    expect(impersonating.connection.socket_id).toBe(socket);
    expect(signedInAs(impersonating)).toBe(impersonationConnectionId(impersonationId));
  });

  it("an SSE stream opened under an impersonation ends no later than the impersonation does", () => {
    const now = Date.parse("2026-12-05T12:00:00Z");
    expect(streamLifetimeMs(null, now, 0)).toBe(10 * 60_000);
    expect(streamLifetimeMs(null, now, 1)).toBe(15 * 60_000);
    expect(streamLifetimeMs(new Date(now + 4 * 60_000), now, 0.5)).toBe(4 * 60_000);
    expect(streamLifetimeMs(new Date(now + 30 * 60_000), now, 0)).toBe(10 * 60_000);
    expect(streamLifetimeMs(new Date(now - 1000), now, 0)).toBe(0);
  });

  it("starting another impersonation from the same session ends the first one's streams", async () => {
    const w = await makeWorld();
    const other = await makeWorld();
    const { headers, staffHeaders } = await startOverHttp(w.staff.id, w.user.id);
    const first = await openStream([workspaceChannel(w.workspace.id)], headers);
    expect(first.status).toBe(200);
    const restarted = await call("impersonation.start", { userId: other.user.id, reason: "Ticket 43: another account" }, staffHeaders, "mutation");
    expect(restarted.status).toBe(200);
    await first.ended;
    expect(first.events).toContain("realtime.rotate");
  });
});
