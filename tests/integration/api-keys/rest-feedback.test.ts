/**
 * Boards, posts, votes and comments over /api/v1, through the real route handlers and the
 * feedback operations: the key's workspace only, cursors, scopes, Idempotency-Key on the POSTs,
 * and clear 4xx for malformed input.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { db } from "@/server/db/client";
import { createFeedbackBoard, createFeedbackPost } from "@/server/db/factories";
import { feedbackPosts } from "@/server/db/schema";
import { api, issueKey, makeApiWorld, nextRandom } from "../../support/api";
import { signedInHeaders } from "../../support/sessions";

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

let w: Awaited<ReturnType<typeof makeApiWorld>>;
let key: string;
let board: { id: string; workspaceId: string };
let privateBoard: { id: string; workspaceId: string };
let foreignBoard: { id: string; workspaceId: string };
let foreignPost: { id: string };

beforeAll(async () => {
  w = await makeApiWorld();
  key = (await issueKey(w.member, w.workspace, "member", { scopes: ["boards:read", "posts:read", "posts:write", "votes:write", "comments:write"], rateLimitPerMinute: 10_000 })).secret;
  board = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Ideas" });
  privateBoard = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id, name: "Internal", visibility: "private" });
  foreignBoard = await createFeedbackBoard(db, nextRandom(), { workspaceId: w.elsewhere.id, name: "Elsewhere" });
  foreignPost = await createFeedbackPost(db, nextRandom(), { board: foreignBoard, authorId: w.outsider.id });
});

describe("reading", () => {
  it("lists the key's workspace's boards only", async () => {
    const res = await api("GET", "/api/v1/boards", { key });
    expect(res.status).toBe(200);
    const ids = (res.body.items as Array<{ id: string }>).map((b) => b.id);
    expect(ids.sort()).toEqual([board.id, privateBoard.id].sort());
  });

  it("pages through posts with cursors", async () => {
    for (let i = 0; i < 5; i++) await createFeedbackPost(db, nextRandom(), { board, authorId: w.owner.id, title: `Paged post ${i}` });
    const first = await api("GET", `/api/v1/boards/${board.id}/posts?sort=new&limit=2`, { key });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe("string");
    const second = await api("GET", `/api/v1/boards/${board.id}/posts?sort=new&limit=2&cursor=${encodeURIComponent(first.body.nextCursor as string)}`, { key });
    expect(second.status).toBe(200);
    const seen = new Set([...(first.body.items as Array<{ id: string }>), ...(second.body.items as Array<{ id: string }>)].map((p) => p.id));
    expect(seen.size).toBe(4);
    const post = (first.body.items as Array<{ id: string; createdAt: string }>)[0]!;
    expect(post.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const one = await api("GET", `/api/v1/posts/${post.id}`, { key });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: post.id, boardId: board.id });
  });

  it("a key of workspace A can't read workspace B: B's board and post are 404, never 403", async () => {
    for (const path of [`/api/v1/boards/${foreignBoard.id}/posts`, `/api/v1/posts/${foreignPost.id}`, `/api/v1/posts/${foreignPost.id}/comments`]) {
      const res = await api("GET", path, { key });
      expect(res.status, path).toBe(404);
      expect(res.body.error!.code).toBe("not_found");
    }
    expect((await api("PUT", `/api/v1/posts/${foreignPost.id}/vote`, { key })).status).toBe(404);
    expect((await api("POST", `/api/v1/posts/${foreignPost.id}/comments`, { key, body: { body: "hi" } })).status).toBe(404);
    expect((await api("POST", `/api/v1/boards/${foreignBoard.id}/posts`, { key, body: { title: "Sneaky post" } })).status).toBe(404);
  });

  it("bad query parameters are 400 naming the parameter; a malformed id is 404", async () => {
    const res = await api("GET", `/api/v1/boards/${board.id}/posts?limit=500&sort=sideways`, { key });
    expect(res.status).toBe(400);
    expect(Object.keys((res.body.error!.details as { fields: object }).fields).sort()).toEqual(["limit", "sort"]);
    expect((await api("GET", "/api/v1/posts/not-a-uuid", { key })).status).toBe(404);
  });
});

describe("writing", () => {
  it("creates a post (201), votes, un-votes and comments as the key's creator", async () => {
    const created = await api("POST", `/api/v1/boards/${board.id}/posts`, { key, body: { title: "Webhooks for new posts", body: "So we can sync to Slack." } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: "Webhooks for new posts", author: { id: w.member.id }, voteCount: 0 });
    const postId = created.body.id as string;
    expect(await api("PUT", `/api/v1/posts/${postId}/vote`, { key })).toMatchObject({ status: 200, body: { postId, voted: true, voteCount: 1 } });
    expect(await api("PUT", `/api/v1/posts/${postId}/vote`, { key })).toMatchObject({ status: 200, body: { voted: true, voteCount: 1 } });
    expect(await api("DELETE", `/api/v1/posts/${postId}/vote`, { key })).toMatchObject({ status: 200, body: { voted: false, voteCount: 0 } });
    const comment = await api("POST", `/api/v1/posts/${postId}/comments`, { key, body: { body: "First!" } });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({ postId, body: "First!", author: { id: w.member.id } });
    const comments = await api("GET", `/api/v1/posts/${postId}/comments`, { key });
    expect((comments.body.items as Array<{ id: string }>).map((c) => c.id)).toEqual([comment.body.id]);
    expect((await api("GET", "/api/v1/me", { key, headers: { "x-forwarded-for": "203.0.113.99" } })).status).toBe(200);
  });

  it("a key without the scope gets 403 naming it", async () => {
    const readOnly = (await issueKey(w.admin, w.workspace, "admin", { scopes: ["posts:read"] })).secret;
    const res = await api("POST", `/api/v1/boards/${board.id}/posts`, { key: readOnly, body: { title: "Not allowed" } });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: "missing_scope", details: { requiredScope: "posts:write" } });
    expect((await api("PUT", `/api/v1/posts/${foreignPost.id}/vote`, { key: readOnly })).body.error!.message).toContain("votes:write");
  });

  it("malformed bodies and headers are clear 4xx", async () => {
    const path = `/api/v1/boards/${board.id}/posts`;
    expect((await api("POST", path, { key, rawBody: "{nope" })).body.error!.code).toBe("invalid_json");
    expect((await api("POST", path, { key, rawBody: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } })).body.error!.code).toBe("unsupported_content_type");
    const invalid = await api("POST", path, { key, body: { title: "", tags: "nope" } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toMatchObject({ code: "validation_failed", details: { fields: { title: [expect.any(String)], tags: [expect.any(String)] } } });
    expect((await api("POST", path, { key, body: { title: "x".repeat(70_000) } })).status).toBe(413);
    expect((await api("POST", path, { key, body: { title: "Fine title" }, headers: { "idempotency-key": "" } })).body.error!.code).toBe("invalid_idempotency_key");
    const wrongMethod = await api("PATCH", path, { key, body: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("Allow")).toBe("GET, HEAD, POST");
  });

  it("ignores session cookies: a signed-in browser can't post without a key (no CSRF surface)", async () => {
    const res = await api("POST", `/api/v1/boards/${board.id}/posts`, { body: { title: "Forged post" }, headers: { ...(await signedInHeaders(w.member.id)), origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(res.status).toBe(401);
    expect(await db.select().from(feedbackPosts).where(eq(feedbackPosts.title, "Forged post"))).toEqual([]);
  });
});

describe("Idempotency-Key on POST", () => {
  const path = () => `/api/v1/boards/${board.id}/posts`;

  it("same key and body: the stored response, once created; different body: 422", async () => {
    const headers = { "idempotency-key": "create-roadmap-post-1" };
    const first = await api("POST", path(), { key, body: { title: "Public roadmap page", tags: [] }, headers });
    expect(first.status).toBe(201);
    const replay = await api("POST", path(), { key, body: { tags: [], title: "Public roadmap page" }, headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.body).toEqual(first.body);
    expect(await db.select().from(feedbackPosts).where(and(eq(feedbackPosts.boardId, board.id), eq(feedbackPosts.title, "Public roadmap page")))).toHaveLength(1);
    const mismatch = await api("POST", path(), { key, body: { title: "Something else entirely" }, headers });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error!.code).toBe("idempotency_key_reused");
    // The same key from another API key is a different request.
    const otherKey = (await issueKey(w.admin, w.workspace, "admin")).secret;
    expect((await api("POST", path(), { key: otherKey, body: { title: "Something else entirely" }, headers })).status).toBe(201);
  });

  it("concurrent duplicates wait for the first and get its response (409 only past the wait); one post", async () => {
    const headers = { "idempotency-key": "burst-1" };
    const responses = await Promise.all(Array.from({ length: 6 }, () => api("POST", path(), { key, body: { title: "Burst of retries" }, headers })));
    expect(responses.every((r) => r.status === 201 || (r.status === 409 && r.body.error!.code === "idempotency_in_progress"))).toBe(true);
    const created = responses.filter((r) => r.status === 201);
    expect(created.filter((r) => r.headers.get("Idempotent-Replayed") !== "true")).toHaveLength(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    expect(await db.select().from(feedbackPosts).where(eq(feedbackPosts.title, "Burst of retries"))).toHaveLength(1);
  });

  it("validation failures are not stored: fixing the body with the same key works", async () => {
    const headers = { "idempotency-key": "fix-and-retry" };
    expect((await api("POST", path(), { key, body: { title: "" }, headers })).status).toBe(422);
    expect((await api("POST", path(), { key, body: { title: "Fixed title" }, headers })).status).toBe(201);
  });
});
