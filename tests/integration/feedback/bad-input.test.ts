import { describe, expect, it } from "vitest";
import { readJson, trpcMutation, trpcQuery, type TrpcErrorBody } from "../../support/http";
import { signedInHeaders } from "../../support/sessions";
import { makeBoards } from "./world";

/** Bad input over real HTTP: a 4xx naming the field, never a 500. */
describe("feedback bad input", () => {
  it("answers each malformed field with a message naming it", async () => {
    const w = await makeBoards("Bad Input");
    const headers = await signedInHeaders(w.admin.id, { twoFactorVerified: true });
    const base = { workspaceSlug: w.ws, boardId: w.publicBoard.id };
    const cases: Array<[string, "q" | "m", unknown, string]> = [
      ["feedback.createPost", "m", { ...base, title: "x" }, "title"],
      ["feedback.createPost", "m", { ...base, title: "y".repeat(151) }, "title"],
      ["feedback.createPost", "m", { ...base, title: "Fine title", body: "z".repeat(10_001) }, "body"],
      ["feedback.createPost", "m", { ...base, title: "Fine title", tags: ["a", "b", "c", "d", "e", "f"] }, "tags"],
      ["feedback.createPost", "m", { ...base, title: "Fine title", tags: ["nope"] }, "tags"],
      ["feedback.createPost", "m", { ...base, boardId: "not-a-uuid", title: "Fine title" }, "boardId"],
      ["feedback.createPost", "m", { ...base, title: 42 }, "title"],
      ["feedback.posts", "q", { ...base, sort: "best" }, "sort"],
      ["feedback.posts", "q", { ...base, limit: 1000 }, "limit"],
      ["feedback.posts", "q", { ...base, status: "maybe" }, "status"],
      ["feedback.posts", "q", { ...base, cursor: "garbage!!" }, "cursor"],
      ["feedback.posts", "q", { ...base, q: "q".repeat(201) }, "q"],
      ["feedback.setVote", "m", { workspaceSlug: w.ws, postId: "123", voted: "yes" }, "postId"],
      ["feedback.createComment", "m", { workspaceSlug: w.ws, postId: w.publicBoard.id, body: "   " }, "body"],
      ["feedback.createBoard", "m", { workspaceSlug: w.ws, slug: "Bad Slug!", name: "Fine" }, "slug"],
      ["feedback.createBoard", "m", { workspaceSlug: w.ws, slug: "fine", name: "" }, "name"],
      ["feedback.updateBoard", "m", { ...base, name: "Fine", description: "d".repeat(501), visibility: "public" }, "description"],
      ["feedback.updateBoard", "m", { ...base, name: "Fine", description: "", visibility: "secret" }, "visibility"],
      ["feedback.setStatus", "m", { workspaceSlug: w.ws, postId: w.publicBoard.id, status: "shipped" }, "status"],
      ["feedback.moderate", "m", { workspaceSlug: w.ws, postId: w.publicBoard.id, action: "nuke" }, "action"],
      ["feedback.createTag", "m", { ...base, name: "t".repeat(33) }, "name"],
    ];
    for (const [path, kind, input, field] of cases) {
      const res = kind === "q" ? await trpcQuery(path, input, headers) : await trpcMutation(path, input, { ...headers, origin: "http://localhost:3000" });
      const body = await readJson<TrpcErrorBody>(res);
      expect(res.status, `${path} ${field}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} ${field}`).toBeLessThan(500);
      expect(Object.keys(body.error.data.fieldErrors ?? {}), `${path} ${JSON.stringify(input).slice(0, 80)}`).toContain(field);
    }
  });

  it("a duplicate board slug is a CONFLICT on slug", async () => {
    const w = await makeBoards("Dup Slug");
    const headers = { ...(await signedInHeaders(w.admin.id, { twoFactorVerified: true })), origin: "http://localhost:3000" };
    const res = await trpcMutation("feedback.createBoard", { workspaceSlug: w.ws, slug: w.publicBoard.slug, name: "Again" }, headers);
    expect(res.status).toBe(409);
    expect((await readJson<TrpcErrorBody>(res)).error.data.fieldErrors).toHaveProperty("slug");
  });
});
