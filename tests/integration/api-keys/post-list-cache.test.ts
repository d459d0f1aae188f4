/**
 * The public API's per-process cache of board post lists (decision 040): a repeated read runs
 * no list query; a write through the app drops the board's pages at commit (read your own
 * writes); a change made anywhere else reaches the cache through the triggers' NOTIFY; pages are
 * per viewer and per workspace, and held posts stay out.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { postListCache } from "@/features/feedback/server/post-list-cache";
import { db } from "@/server/db/client";
import { createFeedbackBoard, createFeedbackPost } from "@/server/db/factories";
import { feedbackPosts, users } from "@/server/db/schema";
import { api, issueKey, makeApiWorld, nextRandom } from "../../support/api";

type Item = { id: string; title: string; voteCount: number; viewerHasVoted: boolean; author: { displayName: string } | null };

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
  await postListCache().listener.stop();
});

let w: Awaited<ReturnType<typeof makeApiWorld>>;
let memberKey: string;
let ownerKey: string;
let outsiderKey: string;
let board: Awaited<ReturnType<typeof createFeedbackBoard>>;
let privateBoard: Awaited<ReturnType<typeof createFeedbackBoard>>;
let post: Awaited<ReturnType<typeof createFeedbackPost>>;

const listPath = (boardId: string) => `/api/v1/boards/${boardId}/posts?sort=new`;
const items = (res: { body: Record<string, unknown> }) => res.body.items as Item[];

beforeAll(async () => {
  w = await makeApiWorld();
  memberKey = (await issueKey(w.member, w.workspace, "member", { scopes: ["boards:read", "posts:read", "votes:write"], rateLimitPerMinute: 10_000 })).secret;
  ownerKey = (await issueKey(w.owner, w.workspace, "owner", { rateLimitPerMinute: 10_000 })).secret;
  outsiderKey = (await issueKey(w.outsider, w.elsewhere, "owner", { rateLimitPerMinute: 10_000 })).secret;
  board = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Cached" });
  privateBoard = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Cached private", visibility: "private" });
  post = await createFeedbackPost(db, nextRandom(), { board, authorId: w.owner.id, title: "Cached post" });
  await postListCache().listener.ready();
});

describe("the post list cache", () => {
  it("serves a repeated read from the cache", async () => {
    const first = await api("GET", listPath(board.id), { key: memberKey });
    expect(first.status).toBe(200);
    expect(items(first).map((p) => p.id)).toEqual([post.id]);
    // A change the triggers don't announce (they are off for this transaction): only a read from the database would see it.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(feedbackPosts).set({ title: "Unannounced" }).where(eq(feedbackPosts.id, post.id));
    });
    const second = await api("GET", listPath(board.id), { key: memberKey });
    expect(second.body).toEqual(first.body);
    postListCache().dropBoard(board.id);
    expect(items(await api("GET", listPath(board.id), { key: memberKey }))[0]!.title).toBe("Unannounced");
  });

  it("a vote through the API shows in the voter's next read, and only the voter's page says they voted", async () => {
    await api("GET", listPath(board.id), { key: ownerKey }); // the owner's page, cached before the vote
    expect((await api("PUT", `/api/v1/posts/${post.id}/vote`, { key: memberKey })).status).toBe(200);
    const mine = items(await api("GET", listPath(board.id), { key: memberKey }))[0]!;
    expect(mine).toMatchObject({ voteCount: 1, viewerHasVoted: true });
    const owners = items(await api("GET", listPath(board.id), { key: ownerKey }))[0]!;
    expect(owners).toMatchObject({ voteCount: 1, viewerHasVoted: false });
  });

  it("a change made outside the app's operations reaches the cache through NOTIFY: a title, an author's name, a held post approved", async () => {
    await api("GET", listPath(board.id), { key: memberKey });
    await db.update(feedbackPosts).set({ title: "Renamed in SQL" }).where(eq(feedbackPosts.id, post.id));
    await expect.poll(async () => items(await api("GET", listPath(board.id), { key: memberKey }))[0]!.title).toBe("Renamed in SQL");

    await db.update(users).set({ displayName: "Owner Renamed" }).where(eq(users.id, w.owner.id));
    await expect.poll(async () => items(await api("GET", listPath(board.id), { key: memberKey }))[0]!.author?.displayName).toBe("Owner Renamed");

    const held = await createFeedbackPost(db, nextRandom(), { board, authorId: w.member.id, title: "Waiting for review", moderation: "held" });
    await expect.poll(async () => items(await api("GET", listPath(board.id), { key: memberKey })).length).toBe(1);
    expect(items(await api("GET", listPath(board.id), { key: memberKey })).map((p) => p.id)).not.toContain(held.id);
    await db.update(feedbackPosts).set({ moderation: "visible" }).where(eq(feedbackPosts.id, held.id));
    await expect.poll(async () => items(await api("GET", listPath(board.id), { key: memberKey })).map((p) => p.id)).toContain(held.id);
  });

  it("a page cached for one workspace's key is never another workspace's: private or public, it is 404", async () => {
    for (const target of [board, privateBoard]) {
      expect((await api("GET", listPath(target.id), { key: memberKey })).status).toBe(200);
      expect((await api("GET", listPath(target.id), { key: memberKey })).status).toBe(200);
      const res = await api("GET", listPath(target.id), { key: outsiderKey });
      expect(res.status).toBe(404);
      expect(res.body.error!.code).toBe("not_found");
    }
  });
});
