import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { buildFeedbackPost } from "@/server/db/factories";
import { feedbackPosts } from "@/server/db/schema";
import { currentRequestContext, runWithRequestContext } from "@/server/logging/context";
import { makeBoards, newUser, nextRandom, type Boards } from "./world";
import { callerFor } from "../workspaces/world";

async function countQueries(fn: () => Promise<unknown>): Promise<number> {
  return runWithRequestContext({ requestId: `req-count-${Math.random()}` }, async () => {
    await fn();
    return currentRequestContext()!.queries.count;
  });
}

async function seedPosts(w: Boards, n: number) {
  const random = nextRandom();
  const rows = Array.from({ length: n }, (_, i) => buildFeedbackPost(random, { board: w.publicBoard, authorId: i % 2 ? w.member.id : w.owner.id, tags: i % 3 ? [] : ["billing"] }));
  for (let i = 0; i < rows.length; i += 500) await db.insert(feedbackPosts).values(rows.slice(i, i + 500));
}

describe("feedback queries", () => {
  it("the list runs the same number of queries for a page of 1 and of 100, signed in or out, for every sort", async () => {
    const w = await makeBoards("Counting");
    await seedPosts(w, 120);
    const viewer = await callerFor(await newUser());
    for (const caller of [viewer, w.as.anonymous]) {
      for (const sort of ["top", "new", "trending"] as const) {
        const counts = [];
        for (const limit of [1, 100]) {
          counts.push(await countQueries(async () => {
            const page = await caller.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, sort, limit, tag: "billing" });
            expect(page.items).toHaveLength(Math.min(limit, 40));
          }));
        }
        expect(counts[0], sort).toBe(counts[1]);
        // workspace slug, board + role, page, capped count
        expect(counts[0]).toBeLessThanOrEqual(4);
      }
    }
  });

  it("comments, roadmap and boards run a constant number of queries too", async () => {
    const w = await makeBoards("Counting 2");
    await seedPosts(w, 30);
    const post = (await w.as.member.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, limit: 1 })).items[0]!;
    for (let i = 0; i < 12; i++) await w.as.member.feedback.createComment({ workspaceSlug: w.ws, postId: post.id, body: `comment ${i}` });
    const one = await countQueries(() => w.as.member.feedback.comments({ workspaceSlug: w.ws, postId: post.id, limit: 1 }));
    const many = await countQueries(() => w.as.member.feedback.comments({ workspaceSlug: w.ws, postId: post.id, limit: 12 }));
    expect(one).toBe(many);
    const boards = await countQueries(() => w.as.member.feedback.boards({ workspaceSlug: w.ws }));
    expect(boards).toBeLessThanOrEqual(3);
  });

  it("totals are exact when small and the planner's estimate when large", async () => {
    const w = await makeBoards("Estimates");
    await seedPosts(w, 1500);
    await db.execute(sql`analyze feedback_posts`);
    const all = await w.as.anonymous.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, limit: 5 });
    expect(all.total.exact).toBe(false);
    expect(all.total.value).toBeGreaterThan(1000);
    expect(Math.abs(all.total.value - 1500)).toBeLessThan(500);
    const tagged = await w.as.anonymous.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, limit: 5, tag: "billing" });
    expect(tagged.total).toEqual({ value: 500, exact: true });
    // Keyset pages walk the whole set without repeats.
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof w.as.anonymous.feedback.posts>> = await w.as.anonymous.feedback.posts({ workspaceSlug: w.ws, boardId: w.publicBoard.id, limit: 100, sort: "trending", tag: "billing", cursor });
      for (const p of page.items) seen.add(p.id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(500);
  });
});
