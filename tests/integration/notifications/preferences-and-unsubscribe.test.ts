import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as oneClick, GET as openLink } from "@/app/api/unsubscribe/route";
import { unsubscribeToken } from "@/features/notifications/server/unsubscribe-token";
import { db } from "@/server/db/client";
import { devMailbox, notificationPreferences, notifications } from "@/server/db/schema";
import { readJson, trpcMutation, type TrpcErrorBody } from "../../support/http";
import { makeBoards, newUser, postOn } from "../feedback/world";
import { callerFor } from "../workspaces/world";

const mailTo = (email: string) => db.select().from(devMailbox).where(eq(devMailbox.to, email)).orderBy(asc(devMailbox.id));
const bell = (userId: string) => db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(asc(notifications.id));
const post = (url: string, headers: Record<string, string> = {}) =>
  oneClick(new Request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: "List-Unsubscribe=One-Click" }), {});

async function votedPost(name: string) {
  const w = await makeBoards(name);
  const voter = await newUser();
  const p = await postOn(w.publicBoard, w.member.id);
  await (await callerFor(voter)).feedback.setVote({ workspaceSlug: w.ws, postId: p.id, voted: true });
  const setStatus = (status: "planned" | "in_progress" | "done" | "closed") => w.as.admin.feedback.setStatus({ workspaceSlug: w.ws, postId: p.id, status });
  return { w, voter, post: p, setStatus };
}

describe("status-change notifications, preferences and unsubscribe", () => {
  it("tells voters and the author about every status, not the admin who moved it, with an unsubscribe link and List-Unsubscribe headers", async () => {
    const { w, voter, post: p, setStatus } = await votedPost("Every Status");
    await setStatus("planned");
    await setStatus("in_progress");
    for (const user of [voter, w.member]) {
      expect((await mailTo(user.email)).map((m) => m.subject)).toEqual([`Planned: ${p.title}`, `In progress: ${p.title}`]);
      expect((await bell(user.id)).map((n) => n.title)).toEqual([`Planned: ${p.title}`, `In progress: ${p.title}`]);
    }
    expect(await mailTo(w.admin.email)).toEqual([]);
    expect(await bell(w.admin.id)).toEqual([]);

    const [mail] = await mailTo(voter.email);
    const header = mail!.headers["List-Unsubscribe"]!;
    expect(header).toMatch(/^<http.+\/api\/unsubscribe\?token=[\w.-]+>$/);
    expect(mail!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(mail!.text).toMatch(/Unsubscribe: http.+\/unsubscribe\?token=/);
    expect(mail!.html).toContain(">Unsubscribe</a>");
  });

  it("follows each person's switches: email off still rings the bell; both off, nothing", async () => {
    const { voter, post: p, setStatus } = await votedPost("Switches");
    const me = await callerFor(voter);
    expect(await me.notifications.preferences()).toEqual({ feedbackStatusEmail: true, feedbackStatusInApp: true });
    expect(await me.notifications.updatePreferences({ feedbackStatusEmail: false })).toEqual({ feedbackStatusEmail: false, feedbackStatusInApp: true });
    await setStatus("planned");
    expect(await mailTo(voter.email)).toEqual([]);
    expect((await bell(voter.id)).map((n) => n.title)).toEqual([`Planned: ${p.title}`]);

    await me.notifications.updatePreferences({ feedbackStatusInApp: false });
    await setStatus("done");
    expect(await mailTo(voter.email)).toEqual([]);
    expect(await bell(voter.id)).toHaveLength(1);
  });

  it("one-click POST from the header turns the emails off without a session; a bad or cross-site request changes nothing", async () => {
    const { voter, setStatus } = await votedPost("One Click");
    await setStatus("planned");
    const url = (await mailTo(voter.email))[0]!.headers["List-Unsubscribe"]!.slice(1, -1).replace(/^https?:\/\/[^/]+/, "http://localhost:3000");

    const crossSite = await post(url, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    const forged = await post(url.replace(/token=[^&]+/, `token=${unsubscribeToken(voter.id, "feedback_status").slice(0, -2)}xx`));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/^token: /);
    expect(await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, voter.id))).toEqual([]);

    const res = await post(url);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ unsubscribed: "feedback_status" });
    expect((await (await callerFor(voter)).notifications.preferences()).feedbackStatusEmail).toBe(false);
    expect((await post(url)).status).toBe(200);

    await setStatus("done");
    expect(await mailTo(voter.email)).toHaveLength(1);

    const opened = await openLink(new Request(url), {});
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toMatch(/^\/unsubscribe\?token=/);
  });

  it("the page's button (tRPC) unsubscribes anyone holding the link, and names the field when the link is broken", async () => {
    const voter = await newUser();
    const anonymous = await callerFor(null);
    expect(await anonymous.notifications.unsubscribe({ token: unsubscribeToken(voter.id, "feedback_status") })).toMatchObject({ category: "feedback_status" });
    const [row] = await db.select().from(notificationPreferences).where(and(eq(notificationPreferences.userId, voter.id), eq(notificationPreferences.feedbackStatusEmail, false)));
    expect(row).toBeDefined();

    const res = await trpcMutation("notifications.unsubscribe", { token: "abc.def" }, { origin: "http://localhost:3000" });
    expect(res.status).toBe(400);
    expect((await readJson<TrpcErrorBody>(res)).error.data.fieldErrors).toHaveProperty("token");
  });
});
