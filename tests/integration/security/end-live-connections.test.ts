/**
 * Removing a member, deleting a workspace, signing out and revoking a session end that user's open SSE streams at
 * once (through NOTIFY, so in every process), not at the stream's next rotation 10–15 minutes
 * later. Over real HTTP to `start:realtime`'s server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionCookieName } from "@/server/auth/cookies";
import { createSession } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { createFeedbackBoard } from "@/server/db/factories";
import { boardChannel, workspaceChannel } from "@/server/realtime/channels";
import { realtimeHub } from "@/server/realtime/hub";
import { publish } from "@/server/realtime/publish";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime/standalone";
import { callerWithHeaders } from "../../support/callers";
import { makeWorld, nextRandom } from "../workspaces/world";
import { openSseStream } from "../../support/sse-stream";

let server: RealtimeServer;
beforeAll(async () => {
  server = await startRealtimeServer({ port: 0 });
});
afterAll(async () => {
  await server.stop();
  await realtimeHub().stop();
});

async function sessionFor(userId: string) {
  const { token, id } = await createSession(db, { userId, ip: "127.0.0.1", userAgent: "vitest", twoFactorVerified: true });
  return { headers: { cookie: `${sessionCookieName()}=${token}` }, publicId: id.slice(0, 16) };
}

const openStream = (channels: string[], headers: Record<string, string>) => openSseStream(server.origin, channels, headers);

describe("ending a user's live connections", () => {
  it("removing a member ends their streams on the workspace and its private board at once; a reconnect is refused", async () => {
    const w = await makeWorld("Streams Co");
    const board = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, visibility: "private" });
    const member = await sessionFor(w.member.id);
    const channels = [workspaceChannel(w.workspace.id), boardChannel(board.id)];
    const stream = await openStream(channels, member.headers);
    const bystander = await openStream(channels, (await sessionFor(w.admin.id)).headers);

    await w.as.owner.workspaces.removeMember({ workspaceSlug: w.workspace.slug, userId: w.member.id });
    await stream.ended;
    expect(stream.events).toContain("realtime.rotate");
    const after = await publish(boardChannel(board.id), { type: "feedback.post-created", data: { secret: true } });
    await expect.poll(() => bystander.events.includes("feedback.post-created")).toBe(true);
    expect(stream.events).not.toContain("feedback.post-created");
    expect(after.id).toBeTruthy();
    expect(bystander.isEnded()).toBe(false);
    expect((await openStream(channels, member.headers)).status).toBe(403);
    bystander.close();
  });

  it("deleting a workspace ends every member's streams on its channels at once; a reconnect is refused", async () => {
    const w = await makeWorld("Deleted Co");
    const board = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, visibility: "private" });
    const channels = [workspaceChannel(w.workspace.id), boardChannel(board.id)];
    const member = await sessionFor(w.member.id);
    const admin = await sessionFor(w.admin.id);
    const streams = [await openStream(channels, member.headers), await openStream(channels, admin.headers)];

    await w.as.owner.workspaces.delete({ workspaceSlug: w.workspace.slug, confirmName: w.workspace.name });
    await Promise.all(streams.map((s) => s.ended));
    for (const s of streams) expect(s.events).toContain("realtime.rotate");
    expect((await openStream(channels, member.headers)).status).toBe(403);
  });

  it("signing out ends that session's streams only; revoking a session ends its streams", async () => {
    const w = await makeWorld("Sign Out Co");
    const channel = [workspaceChannel(w.workspace.id)];
    const [laptop, phone, tablet] = [await sessionFor(w.member.id), await sessionFor(w.member.id), await sessionFor(w.member.id)];
    const [onLaptop, onPhone, onTablet] = [await openStream(channel, laptop.headers), await openStream(channel, phone.headers), await openStream(channel, tablet.headers)];

    await (await callerWithHeaders(laptop.headers)).auth.signOut();
    await onLaptop.ended;
    await (await callerWithHeaders(phone.headers)).sessions.revoke({ id: tablet.publicId });
    await onTablet.ended;

    await publish(channel[0]!, { type: "members.changed", data: {} });
    await expect.poll(() => onPhone.events.includes("members.changed")).toBe(true);
    expect(onPhone.isEnded()).toBe(false);
    expect((await openStream(channel, laptop.headers)).status).toBe(401);
    expect((await openStream(channel, tablet.headers)).status).toBe(401);
    onPhone.close();
  });
});
