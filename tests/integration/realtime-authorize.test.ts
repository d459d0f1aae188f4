import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser, createWorkspaceWithMembers } from "@/server/db/factories";
import { canSubscribe } from "@/server/realtime/authorize";
import { fromPusherChannel, parseChannel, toPusherChannel } from "@/server/realtime/channels";

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

  it("maps channel names to Pusher's private channels and back", () => {
    const name = "workspace:0194f0a2-0000-7000-8000-000000000001";
    expect(toPusherChannel(name)).toBe("private-workspace-0194f0a2-0000-7000-8000-000000000001");
    expect(fromPusherChannel(toPusherChannel(name))).toBe(name);
    expect(fromPusherChannel("private-staff")).toBe("staff");
    expect(fromPusherChannel("public-thing")).toBeNull();
    expect(parseChannel(fromPusherChannel("private-user-x")!)).toBeNull();
  });
});
