import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { setVote } from "@/features/feedback/server/set-vote";
import { db } from "@/server/db/client";
import { createUser } from "@/server/db/factories";
import { feedbackPosts, feedbackVotes } from "@/server/db/schema";
import { makeBoards, newUser, nextRandom, postOn } from "./world";

const actor = (u: { id: string; displayName: string }) => ({ userId: u.id, displayName: u.displayName, impersonatorId: null, ip: null });

async function countsOf(postId: string) {
  const [row] = await db.select({ stored: feedbackPosts.voteCount }).from(feedbackPosts).where(eq(feedbackPosts.id, postId));
  const [rows] = (await db.execute(sql`select count(*)::int as n from feedback_votes where post_id = ${postId}::uuid`)) as unknown as { n: number }[];
  return { stored: row!.stored, rows: rows!.n };
}

describe("votes", () => {
  it("100 concurrent toggles from 100 users leave the exact count", async () => {
    const w = await makeBoards();
    const post = await postOn(w.publicBoard, w.member.id);
    const random = nextRandom();
    const voters = await Promise.all(Array.from({ length: 100 }, (_, i) => createUser(db, random, { email: `voter-${i}-${post.id}@example.test` })));

    // Everyone votes at once; then half take it back at once while the others vote again (a no-op).
    const results = await Promise.all(voters.map((u) => setVote({ workspaceId: w.workspace.id, postId: post.id, voted: true }, actor(u), db)));
    expect(results.every((r) => r.voted)).toBe(true);
    expect(await countsOf(post.id)).toEqual({ stored: 100, rows: 100 });
    expect(Math.max(...results.map((r) => r.voteCount))).toBe(100);

    await Promise.all(voters.map((u, i) => setVote({ workspaceId: w.workspace.id, postId: post.id, voted: i % 2 === 1 }, actor(u), db)));
    expect(await countsOf(post.id)).toEqual({ stored: 50, rows: 50 });
  });

  it("one user's racing toggles never count twice", async () => {
    const w = await makeBoards();
    const post = await postOn(w.publicBoard, w.member.id);
    const me = actor(w.outsider);
    await Promise.all(Array.from({ length: 30 }, (_, i) => setVote({ workspaceId: w.workspace.id, postId: post.id, voted: i % 3 !== 0 }, me, db)));
    const { stored, rows } = await countsOf(post.id);
    expect(stored).toBe(rows);
    expect(rows).toBeLessThanOrEqual(1);
  });

  it("is idempotent: voting twice is one vote, and the response says where it stands", async () => {
    const w = await makeBoards();
    const post = await postOn(w.publicBoard, w.member.id);
    const input = { workspaceSlug: w.ws, postId: post.id, voted: true };
    expect(await w.as.outsider.feedback.setVote(input)).toMatchObject({ postId: post.id, voted: true, voteCount: 1 });
    expect(await w.as.outsider.feedback.setVote(input)).toMatchObject({ postId: post.id, voted: true, voteCount: 1 });
    expect(await w.as.member.feedback.setVote(input)).toMatchObject({ postId: post.id, voted: true, voteCount: 2 });
    expect(await w.as.outsider.feedback.setVote({ ...input, voted: false })).toMatchObject({ postId: post.id, voted: false, voteCount: 1 });
    const page = await w.as.member.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, sort: "top", limit: 10 });
    expect(page.items[0]).toMatchObject({ id: post.id, voteCount: 1, viewerHasVoted: true });
  });

  it("signed-out visitors can read a public board but not vote; private boards refuse outsiders", async () => {
    const w = await makeBoards();
    const open = await postOn(w.publicBoard, w.member.id);
    const hidden = await postOn(w.privateBoard, w.member.id);
    await expect(w.as.anonymous.feedback.setVote({ workspaceSlug: w.ws, postId: open.id, voted: true })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(w.as.outsider.feedback.setVote({ workspaceSlug: w.ws, postId: hidden.id, voted: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.as.member.feedback.setVote({ workspaceSlug: w.ws, postId: hidden.id, voted: true })).voteCount).toBe(1);
  });

  it("trending weighs votes by recency: fewer recent votes outrank more old ones", async () => {
    const w = await makeBoards();
    const day = 86_400_000;
    const now = Date.now();
    const old = await postOn(w.publicBoard, w.member.id, { createdAt: new Date(now - 20 * day), title: "Popular last month" });
    const fresh = await postOn(w.publicBoard, w.member.id, { createdAt: new Date(now - 2 * day), title: "Popular this week" });
    const people = await Promise.all(Array.from({ length: 6 }, () => newUser()));
    // Six votes two to three weeks ago against three votes today.
    for (const [i, p] of people.entries()) await setVote({ workspaceId: w.workspace.id, postId: old.id, voted: true }, actor(p), db, new Date(now - (20 - i) * day));
    for (const p of people.slice(0, 3)) await setVote({ workspaceId: w.workspace.id, postId: fresh.id, voted: true }, actor(p), db);
    const list = (sort: "top" | "trending" | "new") => w.as.member.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, sort, limit: 10 });
    expect((await list("top")).items.map((p) => p.title)).toEqual(["Popular last month", "Popular this week"]);
    expect((await list("trending")).items.map((p) => p.title)).toEqual(["Popular this week", "Popular last month"]);
    expect((await list("new")).items.map((p) => p.title)).toEqual(["Popular this week", "Popular last month"]);

    // Taking votes back undoes their weight: with none left, creation time alone decides.
    for (const p of people.slice(0, 3)) await setVote({ workspaceId: w.workspace.id, postId: fresh.id, voted: false }, actor(p), db);
    const [row] = await db.select({ trending: feedbackPosts.trending }).from(feedbackPosts).where(eq(feedbackPosts.id, fresh.id));
    expect(row!.trending).toBeCloseTo(fresh.trending, 6);
    const [vote] = await db.select().from(feedbackVotes).where(eq(feedbackVotes.postId, old.id)).limit(1);
    expect(vote!.workspaceId).toBe(w.workspace.id);
  });
});
