import { TRPCError } from "@trpc/server";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notify } from "@/features/notifications/server/notify";
import { db } from "@/server/db/client";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { notifications, realtimeEvents } from "@/server/db/schema";
import { createHub } from "@/server/realtime/hub";
import type { StoredRealtimeEvent } from "@/server/realtime/publish";
import { callerFor, makeWorld, newUser } from "../workspaces/world";
import { browser, call } from "../auth/helpers";

const hub = createHub({ databaseUrl: process.env.DATABASE_URL! });
beforeAll(() => hub.ready());
afterAll(() => hub.stop());

const sample = (n: number) => ({ type: "test.sample", title: `Sample ${n}`, body: `Body ${n}`, link: `/app?n=${n}` });

async function eventsOn(channel: string) {
  return db.select().from(realtimeEvents).where(eq(realtimeEvents.channel, channel)).orderBy(asc(realtimeEvents.id));
}

describe("notifications", () => {
  it("lists newest first by keyset pages, counts unread, and marks one or all read", async () => {
    const user = await newUser();
    for (let i = 1; i <= 5; i++) await notify(user.id, sample(i), db);
    const me = await callerFor(user);

    const first = await me.notifications.list({ limit: 2 });
    expect(first.items.map((n) => n.title)).toEqual(["Sample 5", "Sample 4"]);
    expect(first.nextCursor).toBe(first.items[1]!.id);
    const second = await me.notifications.list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((n) => n.title)).toEqual(["Sample 3", "Sample 2"]);
    const last = await me.notifications.list({ limit: 2, cursor: second.nextCursor });
    expect(last).toMatchObject({ items: [{ title: "Sample 1", link: "/app?n=1", readAt: null }], nextCursor: null });
    expect(Object.keys(last.items[0]!).sort()).toEqual(["body", "createdAt", "id", "link", "readAt", "title", "type"]);

    expect(await me.notifications.unreadCount()).toEqual({ count: 5 });
    const marked = await me.notifications.markRead({ id: first.items[0]!.id });
    expect(marked.readAt).toBeInstanceOf(Date);
    expect(await me.notifications.unreadCount()).toEqual({ count: 4 });
    expect(await me.notifications.markAllRead()).toEqual({ updated: 4 });
    expect(await me.notifications.unreadCount()).toEqual({ count: 0 });
    expect(await me.notifications.markAllRead({})).toEqual({ updated: 0 });
  });

  it("another user's notification id is NOT_FOUND and stays unread", async () => {
    const [alice, bob] = [await newUser(), await newUser()];
    const theirs = await notify(alice.id, sample(1), db);
    const asBob = await callerFor(bob);
    await expect(asBob.notifications.markRead({ id: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" } satisfies Partial<TRPCError>);
    expect((await asBob.notifications.list({})).items).toEqual([]);
    expect(await asBob.notifications.unreadCount()).toEqual({ count: 0 });
    await asBob.notifications.markAllRead();
    const [row] = await db.select().from(notifications).where(eq(notifications.id, theirs.id));
    expect(row!.readAt).toBeNull();
  });

  it("stamps the tab's mutation id on the read event, so that tab can skip its own echo", async () => {
    const user = await newUser();
    const me = await callerFor(user);
    const created = await notify(user.id, { type: "test", title: "Hello", body: "Echo test", link: null }, db);
    const clientMutationId = crypto.randomUUID();
    await me.notifications.markRead({ id: created.id, clientMutationId });
    const reads = (await eventsOn(`user:${user.id}`)).filter((e) => e.type === "notification.read");
    expect(reads.map((e) => e.clientMutationId)).toEqual([clientMutationId]);
  });

  it("refuses a limit over 50 with the field that's wrong", async () => {
    const me = await callerFor(await newUser());
    await expect(me.notifications.list({ limit: 51 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("publishes notification.created on the user's channel, live through the hub", async () => {
    const user = await newUser();
    const channel = `user:${user.id}`;
    const received: StoredRealtimeEvent[] = [];
    const subscription = hub.subscribe({ channels: [channel], send: (event) => void received.push(event) });
    try {
      const created = await notify(user.id, sample(1), db);
      const deadline = Date.now() + 2_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(received).toMatchObject([{ channel, type: "notification.created", data: { id: created.id } }]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it("an invite to an existing account notifies that account with the invite link", async () => {
    const w = await makeWorld("Bell Co");
    const invitee = await newUser();
    await w.as.admin.workspaces.invite({ workspaceSlug: w.workspace.slug, email: invitee.email, role: "member" });
    const [row] = await db.select().from(notifications).where(eq(notifications.userId, invitee.id));
    expect(row).toMatchObject({ type: "workspace.invited", title: "You're invited to Bell Co", readAt: null });
    expect(row!.link).toMatch(/^\/invite\/[a-z0-9]+$/);
    expect((await eventsOn(`user:${invitee.id}`)).map((e) => e.type)).toEqual(["notification.created"]);

    // The link works: it is the invite's own token.
    const asInvitee = await callerFor(invitee);
    expect(await asInvitee.workspaces.acceptInvite({ token: row!.link!.split("/").at(-1)! })).toEqual({ slug: w.workspace.slug });
  });

  it("an invite to an address with no account notifies nobody", async () => {
    const w = await makeWorld();
    const before = await db.select({ id: notifications.id }).from(notifications);
    await w.as.admin.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "nobody-yet@example.test", role: "member" });
    expect(await db.select({ id: notifications.id }).from(notifications)).toHaveLength(before.length);
  });

  it("a sign-in from a new device notifies the account; the same device again does not", async () => {
    const user = await newUser();
    const sameBrowser = browser();
    await call("auth.signIn", { email: user.email, password: FACTORY_PASSWORD }, sameBrowser);
    await call("auth.signIn", { email: user.email, password: FACTORY_PASSWORD }, sameBrowser);
    const rows = await db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(rows.map((r) => [r.type, r.link])).toEqual([["security.new_sign_in", "/account/sessions"]]);
  });
});
