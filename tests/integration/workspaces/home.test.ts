/**
 * The workspace home (`home.workspace`): the latest feedback across all of a workspace's boards
 * (private ones included, since only members get here), never another workspace's; people;
 * plan and usage for admins only; and a fixed number of queries however much there is.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { memberships } from "@/server/db/schema";
import { currentRequestContext, runWithRequestContext } from "@/server/logging/context";
import { makeBoards, newUser, postOn } from "../feedback/world";
import { code } from "./world";

async function countQueries(fn: () => Promise<unknown>): Promise<number> {
  return runWithRequestContext({ requestId: `req-home-${Math.random()}` }, async () => {
    await fn();
    return currentRequestContext()!.queries.count;
  });
}

describe("workspace home", () => {
  it("lists posts, comments and status changes across public and private boards, newest first", async () => {
    const w = await makeBoards("Home Co");
    const first = await w.as.member.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "Dark mode please", body: "" });
    await w.as.member.feedback.createComment({ workspaceSlug: w.ws, postId: first.id, body: "Also for the emails" });
    await w.as.admin.feedback.setStatus({ workspaceSlug: w.ws, postId: first.id, status: "planned" });
    await w.as.owner.feedback.createPost({ workspaceSlug: w.ws, boardId: w.privateBoard.id, title: "Internal roadmap item", body: "" });

    const home = await w.as.member.home.workspace({ workspaceSlug: w.ws });
    // Newest first; two writes in the same millisecond may come in either order.
    const times = home.activity.items.map((i) => i.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(home.activity.items.map((i) => [i.kind, i.postTitle, i.boardName]).sort()).toEqual([
      ["comment", "Dark mode please", "Ideas"],
      ["post", "Dark mode please", "Ideas"],
      ["post", "Internal roadmap item", "Internal"],
      ["status", "Dark mode please", "Ideas"],
    ]);
    const status = home.activity.items.find((i) => i.kind === "status");
    const comment = home.activity.items.find((i) => i.kind === "comment");
    expect(status).toMatchObject({ statusLabel: "Planned", href: `/b/${w.ws}/${w.publicBoard.slug}/p/${first.id}` });
    expect(comment).toMatchObject({ excerpt: "Also for the emails", statusLabel: null });
    expect(home.activity.boardCount).toBe(2);
    expect(home.activity.channels.sort()).toEqual([`board:${w.publicBoard.id}`, `board:${w.privateBoard.id}`].sort());
  });

  it("leaves out held and deleted posts, comments on them, and deleted comments", async () => {
    const w = await makeBoards("Home Hidden");
    const kept = await postOn(w.publicBoard, w.member.id, { title: "Kept post" });
    const gone = await postOn(w.publicBoard, w.member.id, { title: "Removed post" });
    await postOn(w.publicBoard, w.member.id, { title: "Held post", moderation: "held" });
    const comment = await w.as.member.feedback.createComment({ workspaceSlug: w.ws, postId: kept.id, body: "Soon deleted" });
    await w.as.member.feedback.createComment({ workspaceSlug: w.ws, postId: gone.id, body: "On a removed post" });
    await w.as.admin.feedback.moderate({ workspaceSlug: w.ws, postId: gone.id, action: "delete", reason: "Spam" });
    await w.as.member.feedback.deleteComment({ workspaceSlug: w.ws, commentId: comment.id });
    const home = await w.as.member.home.workspace({ workspaceSlug: w.ws });
    expect(home.activity.items.map((i) => [i.kind, i.postTitle])).toEqual([["post", "Kept post"]]);
  });

  it("never shows another workspace's activity or people, and refuses outsiders", async () => {
    const w = await makeBoards("Home Tenancy");
    await postOn(w.otherBoard, w.outsider.id, { title: "Elsewhere's secret" });
    const home = await w.as.owner.home.workspace({ workspaceSlug: w.ws });
    expect(home.activity.items).toEqual([]);
    expect(home.activity.channels).not.toContain(`board:${w.otherBoard.id}`);
    expect(home.members.newest.map((m) => m.userId)).not.toContain(w.outsider.id);
    await expect(w.as.outsider.home.workspace({ workspaceSlug: w.ws })).rejects.toMatchObject(code("NOT_FOUND"));
    await expect(w.as.anonymous.home.workspace({ workspaceSlug: w.ws })).rejects.toMatchObject(code("UNAUTHORIZED"));
    const outsiders = await w.as.outsider.home.workspace({ workspaceSlug: w.elsewhere.slug });
    expect(outsiders.activity.items.map((i) => i.postTitle)).toEqual(["Elsewhere's secret"]);
  });

  it("shows members the people; plan and usage to admins and owners only", async () => {
    const w = await makeBoards("Home Roles");
    const asMember = await w.as.member.home.workspace({ workspaceSlug: w.ws });
    expect(asMember.members).toMatchObject({ count: 3, canInvite: false });
    expect(asMember.members.newest.map((m) => m.userId).sort()).toEqual([w.owner.id, w.admin.id, w.member.id].sort());
    expect(asMember.plan).toBeNull();
    expect(asMember.usage).toBeNull();
    for (const caller of [w.as.admin, w.as.owner]) {
      const home = await caller.home.workspace({ workspaceSlug: w.ws });
      expect(home.members.canInvite).toBe(true);
      expect(home.plan).toMatchObject({ id: "team", name: "Team", personal: false });
      expect(home.usage).toMatchObject({ requests: 0, included: expect.any(Number) });
    }
  });

  it("runs the same few queries for an empty workspace and a busy one", async () => {
    const w = await makeBoards("Home Count");
    const quiet = await countQueries(() => w.as.owner.home.workspace({ workspaceSlug: w.ws }));
    for (let i = 0; i < 12; i++) {
      const post = await postOn(i % 2 ? w.publicBoard : w.privateBoard, w.member.id, { title: `Busy post ${i}` });
      await w.as.member.feedback.createComment({ workspaceSlug: w.ws, postId: post.id, body: `comment ${i}` });
    }
    for (let i = 0; i < 6; i++) {
      const joiner = await newUser();
      await db.insert(memberships).values({ workspaceId: w.workspace.id, userId: joiner.id, role: "member" });
    }
    const busy = await countQueries(async () => {
      const home = await w.as.owner.home.workspace({ workspaceSlug: w.ws });
      expect(home.activity.items).toHaveLength(8);
      expect(home.members).toMatchObject({ count: 9 });
      expect(home.members.newest).toHaveLength(5);
    });
    expect(busy).toBe(quiet);
    // the tier's workspace lookup, activity + boards, members, and billing's four
    expect(busy).toBeLessThanOrEqual(8);
    const member = await countQueries(() => w.as.member.home.workspace({ workspaceSlug: w.ws }));
    expect(member).toBeLessThanOrEqual(4);
  });
});
