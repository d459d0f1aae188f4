import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createFeedbackBoard, createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { canSubscribe, mayBeAnonymous } from "@/server/realtime/authorize";
import { boardChannel, FLAGS_CHANNEL, fromPusherChannel, parseChannel, toPusherChannel } from "@/server/realtime/channels";

describe("who may subscribe to which channel", () => {
  it("allows your own user channel, your workspaces, and staff to staff only", async () => {
    const random = createRandom(4242);
    const [me, other, staff] = [await createUser(db, random), await createUser(db, random), await createUser(db, random, { staffRole: "support" })];
    const mine = await createWorkspaceWithMembers(db, random, { owner: me });
    const theirs = await createWorkspaceWithMembers(db, random, { owner: other });
    const viewer = { userId: me.id, staffRole: null };
    expect(await canSubscribe(viewer, `user:${me.id}`, db)).toBe(true);
    expect(await canSubscribe(viewer, `user:${other.id}`, db)).toBe(false);
    expect(await canSubscribe(viewer, `workspace:${mine.id}`, db)).toBe(true);
    expect(await canSubscribe(viewer, `workspace:${theirs.id}`, db)).toBe(false);
    expect(await canSubscribe(viewer, "staff", db)).toBe(false);
    expect(await canSubscribe({ userId: staff.id, staffRole: "support" }, "staff", db)).toBe(true);
    expect(await canSubscribe(null, `user:${me.id}`, db)).toBe(false);
    for (const bad of ["", "user:", "user:not-a-uuid", `workspace:${mine.id}:x`, "board:abc", "admin"]) {
      expect(await canSubscribe(viewer, bad, db), bad).toBe(false);
    }
  });

  it("admits anyone, signed out included, to a public board's channel, and only members to a private board's", async () => {
    const random = createRandom(4343);
    const [owner, outsider] = [await createUser(db, random), await createUser(db, random)];
    const ws = await createWorkspaceWithMembers(db, random, { owner });
    const open = await createFeedbackBoard(db, random, { workspaceId: ws.id, visibility: "public" });
    const closed = await createFeedbackBoard(db, random, { workspaceId: ws.id, visibility: "private" });
    const member = { userId: owner.id, staffRole: null };
    const stranger = { userId: outsider.id, staffRole: null };
    for (const who of [member, stranger, null]) expect(await canSubscribe(who, boardChannel(open.id), db)).toBe(true);
    expect(await canSubscribe(member, boardChannel(closed.id), db)).toBe(true);
    expect(await canSubscribe(stranger, boardChannel(closed.id), db)).toBe(false);
    expect(await canSubscribe(null, boardChannel(closed.id), db)).toBe(false);
    // A board that doesn't exist (or was deleted) admits no one; anonymous gets nothing else either.
    expect(await canSubscribe(member, boardChannel("0194f0a2-0000-7000-8000-00000000dead"), db)).toBe(false);
    expect(await canSubscribe(null, `workspace:${ws.id}`, db)).toBe(false);
    expect(await canSubscribe(null, "staff", db)).toBe(false);
    expect(mayBeAnonymous([boardChannel(open.id), boardChannel(closed.id)])).toBe(true);
    expect(mayBeAnonymous([boardChannel(open.id), `user:${owner.id}`])).toBe(false);
    expect(mayBeAnonymous([])).toBe(false);
    // Flag changes name the flag only; every tab, signed out included, refetches its own values.
    expect(await canSubscribe(null, FLAGS_CHANNEL, db)).toBe(true);
    expect(await canSubscribe({ userId: owner.id, staffRole: null }, FLAGS_CHANNEL, db)).toBe(true);
    expect(mayBeAnonymous([boardChannel(open.id), FLAGS_CHANNEL])).toBe(true);
    expect(fromPusherChannel(toPusherChannel(FLAGS_CHANNEL))).toBe(FLAGS_CHANNEL);
  });

  it("maps channel names to Pusher's private channels and back", () => {
    const board = "board:0194f0a2-0000-7000-8000-000000000002";
    expect(toPusherChannel(board)).toBe("private-board-0194f0a2-0000-7000-8000-000000000002");
    expect(fromPusherChannel(toPusherChannel(board))).toBe(board);
    const name = "workspace:0194f0a2-0000-7000-8000-000000000001";
    expect(toPusherChannel(name)).toBe("private-workspace-0194f0a2-0000-7000-8000-000000000001");
    expect(fromPusherChannel(toPusherChannel(name))).toBe(name);
    expect(fromPusherChannel("private-staff")).toBe("staff");
    expect(fromPusherChannel("public-thing")).toBeNull();
    expect(parseChannel(fromPusherChannel("private-user-x")!)).toBeNull();
  });
});
