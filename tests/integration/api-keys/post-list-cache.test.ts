/**
 * The public API's per-process cache of board post lists (decision 040): a repeated read runs
 * no list query; a write through the app drops the board's pages at commit (read your own
 * writes); a change made anywhere else reaches the cache through the triggers' NOTIFY; pages are
 * per viewer and per workspace, and held posts stay out.
 */
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
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

describe("reads of the same page at once", () => {
  const queriesOf = (res: { headers: Headers }) => Number(/desc="(\d+) queries"/.exec(res.headers.get("Server-Timing") ?? "")?.[1]);
  // Connections of their own: the app's pool is what the held reads are waiting with.
  const admin = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
  afterAll(() => admin.end({ timeout: 5 }));
  /** Holds every read of feedback_posts until released, so reads are demonstrably in flight together. */
  async function holdPostReads() {
    const blocker = await admin.reserve();
    await blocker`begin`;
    await blocker`lock table feedback_posts in access exclusive mode`;
    return async () => {
      await blocker`commit`;
      blocker.release();
    };
  }
  const waitingOnLock = async () =>
    (await admin<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%feedback_posts%'`)[0]!.n;

  it("share one query while it runs: twenty requests for a page nobody has read, one read", async () => {
    const fresh = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Busy" });
    await createFeedbackPost(db, nextRandom(), { board: fresh, authorId: w.owner.id, title: "Popular" });
    // Warm the key, so only the page's own reads are counted.
    await api("GET", "/api/v1/me", { key: memberKey });
    const release = await holdPostReads();
    const responses = Array.from({ length: 20 }, () => api("GET", listPath(fresh.id), { key: memberKey }));
    await expect.poll(waitingOnLock).toBeGreaterThan(0);
    await release();
    const done = await Promise.all(responses);
    expect(done.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(done.map((r) => JSON.stringify(r.body))).size).toBe(1);
    // One request ran the list's queries; the other nineteen ran none.
    expect(done.filter((r) => queriesOf(r) > 0)).toHaveLength(1);
  });

  it("a request after a change to the board doesn't take a read that began before it", async () => {
    const changing = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Changing" });
    await createFeedbackPost(db, nextRandom(), { board: changing, authorId: w.owner.id, title: "First" });
    await api("GET", "/api/v1/me", { key: memberKey });
    const release = await holdPostReads();
    const before = api("GET", listPath(changing.id), { key: memberKey });
    await expect.poll(waitingOnLock).toBeGreaterThan(0);
    // A write in this process, committed while the first read waits (what dropBoardPages does after a commit).
    postListCache().dropBoard(changing.id);
    const after = api("GET", listPath(changing.id), { key: memberKey });
    await expect.poll(waitingOnLock).toBeGreaterThan(1);
    await release();
    const [first, second] = await Promise.all([before, after]);
    expect(queriesOf(first)).toBeGreaterThan(0);
    expect(queriesOf(second)).toBeGreaterThan(0);
  });
});
