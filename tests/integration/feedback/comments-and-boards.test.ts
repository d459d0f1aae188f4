import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { auditEvents, realtimeEvents } from "@/server/db/schema";
import { ACCESS_NARROWED_EVENT, boardChannel } from "@/server/realtime/channels";
import { makeBoards, postOn } from "./world";

describe("comments and board settings", () => {
  it("authors edit and delete their own comments; admins may too; others may not; deleted ones keep their replies' place", async () => {
    const w = await makeBoards("Comments");
    const post = await postOn(w.publicBoard, w.member.id);
    const mine = await w.as.outsider.feedback.createComment({ workspaceSlug: w.ws, postId: post.id, body: "First **take**" });
    const reply = await w.as.member.feedback.createComment({ workspaceSlug: w.ws, postId: post.id, body: "A reply", parentId: mine.id });
    expect(mine.bodyHtml).toContain("<strong>take</strong>");
    await expect(w.as.member.feedback.updateComment({ workspaceSlug: w.ws, commentId: mine.id, body: "hijack" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await w.as.outsider.feedback.updateComment({ workspaceSlug: w.ws, commentId: mine.id, body: "Second take" })).editedAt).toBeInstanceOf(Date);
    await w.as.outsider.feedback.deleteComment({ workspaceSlug: w.ws, commentId: mine.id });
    await expect(w.as.outsider.feedback.deleteComment({ workspaceSlug: w.ws, commentId: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await w.as.admin.feedback.deleteComment({ workspaceSlug: w.ws, commentId: reply.id });
    const list = await w.as.anonymous.feedback.comments({ workspaceSlug: w.ws, postId: post.id });
    expect(list.items.map((c) => [c.deleted, c.body, c.author])).toEqual([
      [true, "", null],
      [true, "", null],
    ]);
    expect((await w.as.anonymous.feedback.post({ workspaceSlug: w.ws, postId: post.id })).commentCount).toBe(0);
  });

  it("admins rename a board and switch it private: audited, and the board's channel is told its audience shrank", async () => {
    const w = await makeBoards("Settings");
    await expect(w.as.member.feedback.updateBoard({ workspaceSlug: w.ws, boardId: w.publicBoard.id, name: "Mine now", description: "", visibility: "public" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const updated = await w.as.admin.feedback.updateBoard({ workspaceSlug: w.ws, boardId: w.publicBoard.id, name: "Roadmap ideas", description: "Tell us", visibility: "private" });
    expect(updated).toMatchObject({ name: "Roadmap ideas", visibility: "private", slug: w.publicBoard.slug });
    await expect(w.as.anonymous.feedback.board({ workspaceSlug: w.ws, boardSlug: w.publicBoard.slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const events = await db.select().from(realtimeEvents).where(eq(realtimeEvents.channel, boardChannel(w.publicBoard.id))).orderBy(asc(realtimeEvents.id));
    expect(events.map((e) => e.type)).toEqual([ACCESS_NARROWED_EVENT]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.workspaceId, w.workspace.id));
    expect(audit.map((a) => a.action)).toContain("feedback.board_updated");

    const tag = await w.as.admin.feedback.createTag({ workspaceSlug: w.ws, boardId: w.publicBoard.id, name: "Dark Mode!" });
    expect(tag).toEqual({ slug: "dark-mode", name: "Dark Mode!" });
    await expect(w.as.admin.feedback.createTag({ workspaceSlug: w.ws, boardId: w.publicBoard.id, name: "dark mode" })).rejects.toMatchObject({ code: "CONFLICT" });
    const tagged = await w.as.member.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "Tagged post", tags: ["dark-mode"] });
    await w.as.admin.feedback.deleteTag({ workspaceSlug: w.ws, boardId: w.publicBoard.id, slug: "dark-mode" });
    expect((await w.as.member.feedback.post({ workspaceSlug: w.ws, postId: tagged.id })).tags).toEqual([]);
  });
});
