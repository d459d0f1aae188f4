/**
 * Tenant isolation through every board procedure: the caller owns workspace A and names A in
 * the request, but every id points into workspace B (a PUBLIC board there, so visibility can't
 * be what saves it). Each call must be NOT_FOUND and B must be unchanged.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { feedbackBoards, feedbackComments, feedbackPosts, feedbackTags } from "@/server/db/schema";
import { appRouter } from "@/server/trpc/root";
import { makeBoards, postOn } from "./world";

type Foreign = { ws: string; boardId: string; postId: string; otherPostId: string; commentId: string };

const CALLS: Record<string, (f: Foreign) => unknown> = {
  board: (f) => ({ workspaceSlug: f.ws, boardSlug: "elsewhere-slug" }),
  boards: (f) => ({ workspaceSlug: f.ws }),
  updateBoard: (f) => ({ workspaceSlug: f.ws, boardId: f.boardId, name: "Hijacked", description: "", visibility: "private" }),
  createTag: (f) => ({ workspaceSlug: f.ws, boardId: f.boardId, name: "Hijack" }),
  deleteTag: (f) => ({ workspaceSlug: f.ws, boardId: f.boardId, slug: "theirs" }),
  posts: (f) => ({ workspaceSlug: f.ws, boardId: f.boardId, sort: "new", limit: 5 }),
  post: (f) => ({ workspaceSlug: f.ws, postId: f.postId }),
  similar: (f) => ({ workspaceSlug: f.ws, boardId: f.boardId, title: "Their secret plan" }),
  roadmap: (f) => ({ workspaceSlug: f.ws, boardId: f.boardId }),
  changelog: (f) => ({ workspaceSlug: f.ws, boardId: f.boardId, limit: 5 }),
  createPost: (f) => ({ workspaceSlug: f.ws, boardId: f.boardId, title: "Injected post", body: "" }),
  updatePost: (f) => ({ workspaceSlug: f.ws, postId: f.postId, title: "Hijacked title", body: "", tags: [] }),
  setVote: (f) => ({ workspaceSlug: f.ws, postId: f.postId, voted: true }),
  setStatus: (f) => ({ workspaceSlug: f.ws, postId: f.postId, status: "done" }),
  moderate: (f) => ({ workspaceSlug: f.ws, postId: f.postId, action: "delete", reason: "hijack" }),
  merge: (f) => ({ workspaceSlug: f.ws, postId: f.postId, intoPostId: f.otherPostId }),
  comments: (f) => ({ workspaceSlug: f.ws, postId: f.postId, limit: 5 }),
  createComment: (f) => ({ workspaceSlug: f.ws, postId: f.postId, body: "Injected" }),
  updateComment: (f) => ({ workspaceSlug: f.ws, commentId: f.commentId, body: "Hijacked" }),
  deleteComment: (f) => ({ workspaceSlug: f.ws, commentId: f.commentId }),
  createBoard: () => null,
};

describe("feedback tenancy", () => {
  it("covers every feedback procedure", () => {
    const procedures = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("feedback.")).map((p) => p.slice("feedback.".length));
    expect(procedures.sort()).toEqual(Object.keys(CALLS).sort());
  });

  it("an owner of A naming A with B's ids gets NOT_FOUND everywhere, and B is untouched", async () => {
    const w = await makeBoards("Tenant A");
    const theirPost = await postOn(w.otherBoard, w.outsider.id, { title: "Their secret plan" });
    const theirOther = await postOn(w.otherBoard, w.outsider.id, { title: "Their other plan" });
    await db.insert(feedbackTags).values({ workspaceId: w.elsewhere.id, boardId: w.otherBoard.id, slug: "theirs", name: "Theirs" });
    const [comment] = await db
      .insert(feedbackComments)
      .values({ id: theirPost.id.replace(/.$/, "0"), workspaceId: w.elsewhere.id, postId: theirPost.id, threadId: theirPost.id.replace(/.$/, "0"), authorId: w.outsider.id, body: "Theirs" })
      .returning();
    const f: Foreign = { ws: w.ws, boardId: w.otherBoard.id, postId: theirPost.id, otherPostId: theirOther.id, commentId: comment!.id };
    const caller = w.as.owner.feedback as unknown as Record<string, (input: unknown) => Promise<unknown>>;

    for (const [name, input] of Object.entries(CALLS)) {
      const args = input(f);
      if (args === null) continue;
      if (name === "boards") {
        // Listing A's boards never shows B's.
        const list = (await caller.boards!(args)) as { items: { id: string }[] };
        expect(list.items.map((b) => b.id)).not.toContain(w.otherBoard.id);
        continue;
      }
      await expect(caller[name]!(args), name).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // The board slug probe: B's board slug under A's workspace.
    await expect(w.as.owner.feedback.board({ workspaceSlug: w.ws, boardSlug: w.otherBoard.slug })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const [board] = await db.select().from(feedbackBoards).where(eq(feedbackBoards.id, w.otherBoard.id));
    expect(board).toMatchObject({ name: w.otherBoard.name, visibility: "public" });
    const posts = await db.select().from(feedbackPosts).where(eq(feedbackPosts.boardId, w.otherBoard.id));
    expect(posts.map((p) => [p.title, p.status, p.moderation, p.voteCount]).sort()).toEqual([
      ["Their other plan", "open", "visible", 0],
      ["Their secret plan", "open", "visible", 0],
    ]);
    const comments = await db.select().from(feedbackComments).where(eq(feedbackComments.postId, theirPost.id));
    expect(comments.map((c) => [c.body, c.deletedAt])).toEqual([["Theirs", null]]);
    expect((await db.select().from(feedbackTags).where(eq(feedbackTags.boardId, w.otherBoard.id))).map((t) => t.slug)).toEqual(["theirs"]);
  });

  it("creating a board needs admin in that workspace: a member of B can't create one in A", async () => {
    const w = await makeBoards("Tenant C");
    await expect(w.as.outsider.feedback.createBoard({ workspaceSlug: w.ws, slug: "sneaky", name: "Sneaky" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.as.member.feedback.createBoard({ workspaceSlug: w.ws, slug: "sneaky", name: "Sneaky" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const made = await w.as.admin.feedback.createBoard({ workspaceSlug: w.ws, slug: "roadmap-ideas", name: "Roadmap ideas" });
    expect(made).toMatchObject({ slug: "roadmap-ideas", workspaceId: w.workspace.id, visibility: "public", canModerate: true });
  });

  it("a private board is invisible to non-members (NOT_FOUND, not FORBIDDEN), even by slug", async () => {
    const w = await makeBoards("Tenant D");
    const secret = await postOn(w.privateBoard, w.member.id);
    for (const caller of [w.as.outsider, w.as.anonymous]) {
      await expect(caller.feedback.board({ workspaceSlug: w.ws, boardSlug: w.privateBoard.slug })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(caller.feedback.posts({ workspaceSlug: w.ws, boardId: w.privateBoard.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(caller.feedback.post({ workspaceSlug: w.ws, postId: secret.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      const boards = await caller.feedback.boards({ workspaceSlug: w.ws });
      expect(boards.items.map((b) => b.slug)).toEqual([w.publicBoard.slug]);
    }
    expect((await w.as.member.feedback.boards({ workspaceSlug: w.ws })).items).toHaveLength(2);
  });
});
