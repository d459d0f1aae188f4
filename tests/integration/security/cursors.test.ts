/**
 * Page cursors are bound to their list: a hand-made one, an edited one or one from another
 * sort, filter or list is a 400 naming `cursor` (tRPC and REST), never a 500 or a wrong page.
 */
import { describe, expect, it } from "vitest";
import { api, issueKey } from "../../support/api";
import { readJson, trpcQuery, type TrpcErrorBody } from "../../support/http";
import { makeBoards, postOn } from "../feedback/world";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("page cursors", () => {
  it("refuse hand-made, edited and foreign cursors with a 400 on cursor, and keep paging with their own", async () => {
    const w = await makeBoards("Cursor Co");
    const posts = [];
    for (let i = 0; i < 5; i++) posts.push(await postOn(w.publicBoard, w.member.id, { title: `Post number ${i}` }));
    const base = { workspaceSlug: w.ws, boardId: w.publicBoard.id, limit: 2 };
    const page = async (input: Record<string, unknown>) => {
      const res = await trpcQuery("feedback.posts", { ...base, ...input });
      return { status: res.status, body: await readJson<TrpcErrorBody & { result: { data: { nextCursor: string | null; items: { id: string }[] } } }>(res) };
    };
    const first = await page({ sort: "top" });
    expect(first.status).toBe(200);
    const cursor = first.body.result.data.nextCursor!;
    const second = await page({ sort: "top", cursor });
    expect(second.status).toBe(200);
    expect(second.body.result.data.items.map((p) => p.id)).not.toContain(first.body.result.data.items[0]!.id);

    const [payload, tag] = cursor.split(".");
    const id = posts[0]!.id;
    const bad: Array<[string, Record<string, unknown>]> = [
      ["hand-made 1e308 for top", { sort: "top", cursor: b64({ pinned: false, key: 1e308, id }) }],
      ["hand-made 1e308 with a copied tag", { sort: "top", cursor: `${b64({ sort: "top", pinned: false, key: 1e308, id })}.${tag}` }],
      ["-0 and huge numbers", { sort: "trending", cursor: b64({ pinned: false, key: -0, id }) }],
      ["another sort", { sort: "new", cursor }],
      ["another filter", { sort: "top", q: "number", cursor }],
      ["another status", { sort: "top", status: "planned", cursor }],
      ["not base64 JSON", { sort: "top", cursor: "garbage!!" }],
      ["edited payload", { sort: "top", cursor: `${payload}x.${tag}` }],
      ["an empty tag", { sort: "top", cursor: `${payload}.` }],
    ];
    for (const [label, input] of bad) {
      const res = await page(input);
      expect(res.status, label).toBe(400);
      expect(res.body.error.data.fieldErrors?.cursor, label).toEqual(["That page cursor is not valid for this list"]);
    }

    // A posts cursor is no comments cursor.
    const comments = await trpcQuery("feedback.comments", { workspaceSlug: w.ws, postId: id, cursor });
    expect(comments.status).toBe(400);
    expect((await readJson<TrpcErrorBody>(comments)).error.data.fieldErrors?.cursor).toBeDefined();
  });

  it("REST: a cursor from sort=top used with sort=new, or a hand-made one, is a 400 naming cursor", async () => {
    const w = await makeBoards("Cursor Rest");
    for (let i = 0; i < 3; i++) await postOn(w.publicBoard, w.member.id, { title: `Rest post ${i}` });
    const { secret } = await issueKey(w.admin, w.workspace, "admin");
    const path = `/api/v1/boards/${w.publicBoard.id}/posts`;
    const first = await api("GET", `${path}?sort=top&limit=1`, { key: secret });
    const cursor = first.body.nextCursor as string;
    expect((await api("GET", `${path}?sort=top&limit=1&cursor=${cursor}`, { key: secret })).status).toBe(200);
    for (const query of [`sort=new&cursor=${cursor}`, `sort=top&cursor=${b64({ pinned: false, key: 1e308, id: w.publicBoard.id })}`]) {
      const res = await api("GET", `${path}?${query}`, { key: secret });
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body.error!.details), query).toContain('"cursor"');
    }
  });
});
