/**
 * Text Postgres can't store (NUL, a lone surrogate) and stray control characters are refused
 * with a field error — over tRPC and REST, signed in and out — never a 500, and nothing is written.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hasUnstorableCharacters, text } from "@/lib/text";
import { db } from "@/server/db/client";
import { feedbackPosts } from "@/server/db/schema";
import { api, issueKey } from "../../support/api";
import { readJson, trpcMutation, trpcQuery, type TrpcErrorBody } from "../../support/http";
import { signedInHeaders } from "../../support/sessions";
import { makeBoards, postOn } from "../feedback/world";

const HOSTILE = ["a\u0000b", "lone \uD800 high", "lone \uDFFF low", "bell \u0007", "escape \u001b[31m"];

describe("the text() schema", () => {
  it("refuses what Postgres can't store and stray controls, keeps emoji, tabs and newlines", () => {
    for (const value of HOSTILE) expect(hasUnstorableCharacters(value), JSON.stringify(value)).toBe(true);
    for (const value of ["plain", "emoji 🎉 ok", "tab\there", "line\r\nbreak", "accents é ü 中文"]) expect(hasUnstorableCharacters(value), value).toBe(false);
    const result = text("Title").trim().safeParse("a\u0000b");
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/^Title contains a character that can't be saved/);
  });
});

describe("unstorable text at the edges", () => {
  it("tRPC: search q signed out, post title and body, comment — a 400 naming the field, nothing stored", async () => {
    const w = await makeBoards("Nul Bytes");
    const post = await postOn(w.publicBoard, w.member.id, { title: "A fine post" });
    const headers = { ...(await signedInHeaders(w.member.id, { twoFactorVerified: true })), origin: "http://localhost:3000" };
    const base = { workspaceSlug: w.ws, boardId: w.publicBoard.id };
    for (const bad of HOSTILE) {
      const cases: Array<[Response, string]> = [
        [await trpcQuery("feedback.posts", { ...base, q: bad }), "q"],
        [await trpcMutation("feedback.createPost", { ...base, title: `Title ${bad}` }, headers), "title"],
        [await trpcMutation("feedback.createPost", { ...base, title: "Fine title", body: bad }, headers), "body"],
        [await trpcMutation("feedback.createComment", { workspaceSlug: w.ws, postId: post.id, body: bad }, headers), "body"],
        [await trpcQuery("feedback.posts", { ...base, cursor: bad }), "cursor"],
        [await trpcQuery("workspaces.get", { workspaceSlug: bad }, headers), "workspaceSlug"],
      ];
      for (const [res, field] of cases) {
        const { error } = await readJson<TrpcErrorBody>(res);
        expect(res.status, `${field} ${JSON.stringify(bad)}`).toBe(400);
        expect(error.data.fieldErrors?.[field]?.[0], field).toMatch(/can't be saved/);
      }
    }
    expect(await db.select({ id: feedbackPosts.id }).from(feedbackPosts).where(eq(feedbackPosts.boardId, w.publicBoard.id))).toHaveLength(1);
  });

  it("REST: a query parameter and a body field — 400/422 naming the field", async () => {
    const w = await makeBoards("Nul Rest");
    const { secret } = await issueKey(w.admin, w.workspace, "admin");
    const list = await api("GET", `/api/v1/boards/${w.publicBoard.id}/posts?q=${encodeURIComponent("x\u0000")}`, { key: secret });
    expect(list.status).toBe(400);
    expect(JSON.stringify(list.body.error!.details)).toContain('"q"');
    const create = await api("POST", `/api/v1/boards/${w.publicBoard.id}/posts`, { key: secret, body: { title: "Fine \u0000 title" } });
    expect(create.status).toBe(422);
    expect(JSON.stringify(create.body.error!.details)).toContain('"title"');
    const lone = await api("POST", `/api/v1/boards/${w.publicBoard.id}/posts`, { key: secret, rawBody: '{"title":"Lone \\ud800 surrogate"}' });
    expect(lone.status).toBe(422);
  });
});
