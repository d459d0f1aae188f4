import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { devMailbox, feedbackPosts, notifications, realtimeEvents } from "@/server/db/schema";
import { boardChannel } from "@/server/realtime/channels";
import { makeBoards, newUser, postOn } from "./world";
import { callerFor } from "../workspaces/world";

const eventsOn = (channel: string) => db.select().from(realtimeEvents).where(eq(realtimeEvents.channel, channel)).orderBy(asc(realtimeEvents.id));

describe("post lifecycle", () => {
  it("posting, commenting with a reply, official admin replies, statuses with history, done → changelog + notifications + emails", async () => {
    const w = await makeBoards("Lifecycle");
    const author = w.as.outsider;
    const post = await author.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "Dark mode please", body: "My **eyes** hurt. See https://example.com", tags: ["billing"] });
    expect(post).toMatchObject({ title: "Dark mode please", status: "open", moderation: "visible", tags: ["billing"], voteCount: 0, canEdit: true, canModerate: false, author: { id: w.outsider.id } });
    expect(post.bodyHtml).toContain("<strong>eyes</strong>");
    expect(post.bodyHtml).toContain('rel="nofollow ugc noopener"');

    const voter = await newUser();
    await (await callerFor(voter)).feedback.setVote({ workspaceSlug: w.ws, postId: post.id, voted: true });
    const first = await w.as.member.feedback.createComment({ workspaceSlug: w.ws, postId: post.id, body: "Same here" });
    const reply = await w.as.admin.feedback.createComment({ workspaceSlug: w.ws, postId: post.id, body: "On our list!", parentId: first.id });
    expect([first.official, reply.official]).toEqual([false, true]);
    await expect(author.feedback.createComment({ workspaceSlug: w.ws, postId: post.id, body: "deeper", parentId: reply.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const second = await author.feedback.createComment({ workspaceSlug: w.ws, postId: post.id, body: "Thanks" });
    const thread = await w.as.anonymous.feedback.comments({ workspaceSlug: w.ws, postId: post.id, limit: 10 });
    expect(thread.items.map((c) => [c.body, c.parentId === null ? "top" : "reply"])).toEqual([["Same here", "top"], ["On our list!", "reply"], ["Thanks", "top"]]);
    const paged = await w.as.anonymous.feedback.comments({ workspaceSlug: w.ws, postId: post.id, limit: 2 });
    expect((await w.as.anonymous.feedback.comments({ workspaceSlug: w.ws, postId: post.id, limit: 2, cursor: paged.nextCursor })).items.map((c) => c.id)).toEqual([second.id]);

    // Members can't move statuses; admins can, and each move is recorded.
    await expect(w.as.member.feedback.setStatus({ workspaceSlug: w.ws, postId: post.id, status: "planned" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await w.as.admin.feedback.setStatus({ workspaceSlug: w.ws, postId: post.id, status: "planned" });
    const done = await w.as.admin.feedback.setStatus({ workspaceSlug: w.ws, postId: post.id, status: "done", note: "Shipped in 2.0" });
    expect(done.statusHistory.map((h) => [h.fromStatus, h.toStatus])).toEqual([[null, "open"], ["open", "planned"], ["planned", "done"]]);

    const changelog = await w.as.anonymous.feedback.changelog({ workspaceSlug: w.ws, boardId: w.publicBoard.id });
    expect(changelog.items.map((e) => [e.title, e.note])).toEqual([["Dark mode please", "Shipped in 2.0"]]);
    const roadmap = await w.as.anonymous.feedback.roadmap({ workspaceSlug: w.ws, boardId: w.publicBoard.id });
    expect(roadmap.columns.find((c) => c.status === "done")!.items.map((p) => p.id)).toEqual([post.id]);

    // The voter and the author hear about it in-app and by email (the dev mailbox).
    for (const user of [voter, w.outsider]) {
      const mine = await db.select().from(notifications).where(eq(notifications.userId, user.id)).orderBy(asc(notifications.id));
      expect(mine.map((n) => n.type)).toContain("feedback.post_done");
      expect(mine.at(-1)!.link).toBe(`/b/${w.ws}/${w.publicBoard.slug}/p/${post.id}`);
      const mail = await db.select().from(devMailbox).where(eq(devMailbox.to, user.email));
      expect(mail.map((m) => m.subject).sort()).toEqual(["Planned: Dark mode please", "Shipped: Dark mode please"]);
      expect(mail.find((m) => m.subject.startsWith("Shipped"))!.text).toContain("Shipped in 2.0");
    }
    // Every status change reaches the voter and the author, in the bell and by email.
    // … and name the workspace, so support impersonating the voter doesn't see them if it opts out.
    expect((await db.select().from(notifications).where(eq(notifications.userId, voter.id)).orderBy(asc(notifications.id))).map((n) => [n.type, n.workspaceId])).toEqual([
      ["feedback.post_status", w.workspace.id],
      ["feedback.post_done", w.workspace.id],
    ]);

    const types = (await eventsOn(boardChannel(w.publicBoard.id))).map((e) => e.type);
    expect(types).toEqual(["feedback.post.created", "feedback.vote", "feedback.comment.created", "feedback.comment.created", "feedback.comment.created", "feedback.status", "feedback.status"]);
  });

  it("authors edit within the window only; admins moderate: pin, lock, delete with a reason", async () => {
    const w = await makeBoards("Moderation");
    const old = await postOn(w.publicBoard, w.outsider.id, { createdAt: new Date(Date.now() - 2 * 3600_000) });
    await expect(w.as.outsider.feedback.updatePost({ workspaceSlug: w.ws, postId: old.id, title: "Changed my mind", body: "", tags: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const fresh = await w.as.outsider.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "Typo in titel", body: "" });
    expect((await w.as.outsider.feedback.updatePost({ workspaceSlug: w.ws, postId: fresh.id, title: "Typo in title", body: "", tags: [] })).editedAt).toBeInstanceOf(Date);
    await expect(w.as.member.feedback.updatePost({ workspaceSlug: w.ws, postId: fresh.id, title: "Not mine", body: "", tags: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await w.as.admin.feedback.updatePost({ workspaceSlug: w.ws, postId: old.id, title: "Cleaned up by an admin", body: "", tags: [] })).title).toBe("Cleaned up by an admin");

    expect((await w.as.admin.feedback.moderate({ workspaceSlug: w.ws, postId: old.id, action: "pin" })).pinned).toBe(true);
    const list = await w.as.anonymous.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, sort: "new" });
    expect(list.items[0]!.id).toBe(old.id);

    await w.as.admin.feedback.moderate({ workspaceSlug: w.ws, postId: fresh.id, action: "lock" });
    await expect(w.as.member.feedback.createComment({ workspaceSlug: w.ws, postId: fresh.id, body: "hello" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(w.as.member.feedback.moderate({ workspaceSlug: w.ws, postId: fresh.id, action: "unlock" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await expect(w.as.admin.feedback.moderate({ workspaceSlug: w.ws, postId: fresh.id, action: "delete" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const deleted = await w.as.admin.feedback.moderate({ workspaceSlug: w.ws, postId: fresh.id, action: "delete", reason: "Spam" });
    expect(deleted).toMatchObject({ moderation: "deleted", deletedReason: "Spam" });
    await expect(w.as.outsider.feedback.post({ workspaceSlug: w.ws, postId: fresh.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.as.anonymous.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id })).items.map((p) => p.id)).toEqual([old.id]);
  });

  it("merging a duplicate moves votes (once per person) and comments, and tells its voters", async () => {
    const w = await makeBoards("Merging");
    const original = await postOn(w.publicBoard, w.member.id, { title: "CSV export" });
    const duplicate = await postOn(w.publicBoard, w.outsider.id, { title: "Export to CSV" });
    const [a, b] = [await newUser(), await newUser()];
    for (const u of [a, b]) await (await callerFor(u)).feedback.setVote({ workspaceSlug: w.ws, postId: duplicate.id, voted: true });
    await (await callerFor(a)).feedback.setVote({ workspaceSlug: w.ws, postId: original.id, voted: true });
    await w.as.member.feedback.createComment({ workspaceSlug: w.ws, postId: duplicate.id, body: "+1" });

    await expect(w.as.member.feedback.merge({ workspaceSlug: w.ws, postId: duplicate.id, intoPostId: original.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await w.as.admin.feedback.merge({ workspaceSlug: w.ws, postId: duplicate.id, intoPostId: original.id })).toEqual({ intoPostId: original.id, movedVotes: 2, movedComments: 1 });

    const into = await w.as.member.feedback.post({ workspaceSlug: w.ws, postId: original.id });
    expect([into.voteCount, into.commentCount]).toEqual([2, 1]);
    const gone = await w.as.member.feedback.post({ workspaceSlug: w.ws, postId: duplicate.id });
    expect(gone).toMatchObject({ moderation: "merged", mergedInto: { id: original.id, title: "CSV export" }, voteCount: 0 });
    for (const u of [a, b]) {
      const mine = await db.select().from(notifications).where(eq(notifications.userId, u.id));
      expect(mine.map((n) => n.type)).toEqual(["feedback.post_merged"]);
    }
    const [row] = await db.select().from(feedbackPosts).where(eq(feedbackPosts.id, original.id));
    expect(Number.isFinite(row!.trending)).toBe(true);
  });

  it("holds a post with many links for review; only its author and admins see it until approved", async () => {
    const w = await makeBoards("Spam");
    const links = Array.from({ length: 4 }, (_, i) => `https://spam${i}.example/`).join(" ");
    const held = await w.as.outsider.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "Great deals here", body: links });
    expect(held.moderation).toBe("held");
    expect((await w.as.anonymous.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id })).items).toEqual([]);
    await expect(w.as.member.feedback.post({ workspaceSlug: w.ws, postId: held.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.as.outsider.feedback.post({ workspaceSlug: w.ws, postId: held.id })).id).toBe(held.id);
    await expect(w.as.member.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, held: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await w.as.admin.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, held: true })).items.map((p) => p.id)).toEqual([held.id]);
    await w.as.admin.feedback.moderate({ workspaceSlug: w.ws, postId: held.id, action: "approve" });
    expect((await w.as.anonymous.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id })).items.map((p) => p.id)).toEqual([held.id]);
  });

  it("rate-limits posting per user", async () => {
    const w = await makeBoards("Limits");
    const me = await callerFor(w.outsider);
    for (let i = 0; i < 10; i++) await me.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: `Idea number ${i}` });
    await expect(me.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "One too many" })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("rate-limits posting per IP across accounts", async () => {
    const w = await makeBoards("IP Limits");
    const ip = { "x-forwarded-for": "203.0.113.77" };
    const callers = await Promise.all(Array.from({ length: 4 }, async () => callerFor(await newUser(), ip)));
    for (let i = 0; i < 30; i++) await callers[i % 4]!.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: `Shared office idea ${i}` });
    await expect(callers[3]!.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "From the same address" })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // Another address is unaffected.
    const elsewhere = await callerFor(await newUser(), { "x-forwarded-for": "198.51.100.5" });
    expect((await elsewhere.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "From another address" })).moderation).toBe("visible");
  });

  it("suggests similar titles, searches titles and bodies, filters by status and tag", async () => {
    const w = await makeBoards("Search");
    await postOn(w.publicBoard, w.member.id, { title: "Dark mode for the dashboard", body: "night owls unite", tags: ["mobile"] });
    await postOn(w.publicBoard, w.member.id, { title: "Export invoices as PDF", body: "accounting needs it", status: "planned", tags: ["billing"] });
    const similar = await w.as.anonymous.feedback.similar({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "dark mode" });
    expect(similar.items.map((p) => p.title)).toEqual(["Dark mode for the dashboard"]);
    const list = (extra: object) => w.as.anonymous.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, ...extra }).then((r) => r.items.map((p) => p.title));
    expect(await list({ q: "accounting" })).toEqual(["Export invoices as PDF"]);
    expect(await list({ q: "owls" })).toEqual(["Dark mode for the dashboard"]);
    expect(await list({ status: "planned" })).toEqual(["Export invoices as PDF"]);
    expect(await list({ tag: "mobile" })).toEqual(["Dark mode for the dashboard"]);
    const page = await w.as.anonymous.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, limit: 1, sort: "new" });
    expect(page.total).toEqual({ value: 2, exact: true });
    const next = await w.as.anonymous.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, limit: 1, sort: "new", cursor: page.nextCursor });
    expect(next.items).toHaveLength(1);
    expect(next.nextCursor).toBeNull();
    expect(next.items[0]!.id).not.toBe(page.items[0]!.id);
  });
});
