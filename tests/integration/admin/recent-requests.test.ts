/**
 * Recent request ids on the admin user page: every signed-in request in the app is recorded with
 * the id its response carried, buffered in memory and written in batches, trimmed to the newest
 * 50 per user, shown only on that user's page, to staff only.
 */
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/random";
import { db } from "@/server/db/client";
import { createUser } from "@/server/db/factories";
import { userRecentRequests } from "@/server/db/schema";
import { createRecentRequestRecorder, RECENT_REQUESTS_KEPT, recentRequests } from "@/server/http/recent-requests";
import { callerWithHeaders } from "../../support/callers";
import { trpcMutation, trpcQuery } from "../../support/http";
import { signedInHeaders } from "../../support/sessions";
import { rejection } from "../two-factor/support";
import { makeWorld, startOverHttp } from "../impersonation/world";

const random = createRandom(4711);
let seq = 0;
const email = (tag: string) => `${tag}-${Date.now()}-${++seq}@recent-requests.test`;

async function signedInUser(tag: string) {
  const user = await createUser(db, random, { email: email(tag) });
  return { user, headers: await signedInHeaders(user.id, { twoFactorVerified: true }) };
}

async function staffCaller() {
  const staff = await createUser(db, random, { email: email("staff"), staffRole: "support" });
  return callerWithHeaders(await signedInHeaders(staff.id, { twoFactorVerified: true }));
}

const idOf = (res: Response) => {
  const id = res.headers.get("x-request-id");
  expect(id).toBeTruthy();
  return id!;
};

const rowsOf = async (userId: string) => (await db.select({ n: count() }).from(userRecentRequests).where(eq(userRecentRequests.userId, userId)))[0]!.n;

describe("recent request ids on the admin user page", () => {
  it("records each signed-in request with the id its response carried, newest first, and keeps only the newest 50", async () => {
    const { user, headers } = await signedInUser("busy");
    const ids: string[] = [];
    for (let i = 0; i < RECENT_REQUESTS_KEPT + 4; i++) {
      const res = await trpcQuery("auth.me", undefined, headers);
      expect(res.status).toBe(200);
      ids.push(idOf(res));
    }
    // A refused call is recorded too, with its status (no such workspace).
    const refused = await trpcMutation("feedback.setVote", { workspaceSlug: "no-such-workspace", postId: "not-an-id", voted: true }, headers);
    expect(refused.status).toBe(404);
    ids.push(idOf(refused));
    await recentRequests().flush();

    const { items } = await (await staffCaller()).admin.userRecentRequests({ id: user.id });
    expect(items.map((r) => r.requestId)).toEqual(ids.toReversed().slice(0, RECENT_REQUESTS_KEPT));
    expect(items[0]).toMatchObject({ method: "POST", path: "/api/trpc/feedback.setVote", status: 404, ok: false, impersonator: null });
    expect(items[1]).toMatchObject({ method: "GET", path: "/api/trpc/auth.me", status: 200, ok: true, impersonator: null });
    // Trimmed in the table, not only limited on the page.
    expect(await rowsOf(user.id)).toBe(RECENT_REQUESTS_KEPT);
    expect(await db.select().from(userRecentRequests).where(and(eq(userRecentRequests.userId, user.id), eq(userRecentRequests.requestId, ids[0]!)))).toEqual([]);
  });

  it("shows a user only their own requests, and records nothing for a signed-out request", async () => {
    const a = await signedInUser("a");
    const b = await signedInUser("b");
    const aIds = [idOf(await trpcQuery("auth.me", undefined, a.headers)), idOf(await trpcQuery("workspaces.mine", undefined, a.headers))];
    const bId = idOf(await trpcQuery("auth.me", undefined, b.headers));
    const anonymous = idOf(await trpcQuery("auth.me", undefined, {}));
    await recentRequests().flush();

    const staff = await staffCaller();
    expect((await staff.admin.userRecentRequests({ id: a.user.id })).items.map((r) => r.requestId)).toEqual(aIds.toReversed());
    expect((await staff.admin.userRecentRequests({ id: b.user.id })).items.map((r) => r.requestId)).toEqual([bId]);
    expect(await db.select().from(userRecentRequests).where(eq(userRecentRequests.requestId, anonymous))).toEqual([]);
  });

  it("names the staff member on a request made while impersonating", async () => {
    const w = await makeWorld();
    const { headers } = await startOverHttp(w.staff.id, w.user.id);
    const id = idOf(await trpcQuery("workspaces.mine", undefined, headers));
    await recentRequests().flush();
    const { items } = await (await staffCaller()).admin.userRecentRequests({ id: w.user.id });
    expect(items.find((r) => r.requestId === id)).toMatchObject({ path: "/api/trpc/workspaces.mine", ok: true, impersonator: { id: w.staff.id, email: w.staff.email } });
  });

  it("is for staff only: a user can't read even their own", async () => {
    const { user, headers } = await signedInUser("nosy");
    const error = await rejection((await callerWithHeaders(headers)).admin.userRecentRequests({ id: user.id }));
    expect(error.code).toBe("FORBIDDEN");
    const overHttp = await trpcQuery("admin.userRecentRequests", { id: user.id }, headers);
    expect(overHttp.status).toBe(403);
  });

  it("writes nothing during the request: the buffer is written by a flush, a batch at a time, trimmed per user", async () => {
    const { user } = await signedInUser("batched");
    const recorder = createRecentRequestRecorder({ intervalMs: 3_600_000, keep: 3 });
    try {
      const at = Date.now();
      for (let i = 0; i < 5; i++) recorder.record({ userId: user.id, requestId: `req-${at}-${i}`, method: "GET", path: "/api/trpc/auth.me", status: 200, impersonatorId: null, at: new Date(at + i) });
      expect(recorder.pending()).toBe(5);
      expect(await rowsOf(user.id)).toBe(0);
      await recorder.flush();
      expect(recorder.pending()).toBe(0);
      const rows = await db.select({ requestId: userRecentRequests.requestId }).from(userRecentRequests).where(eq(userRecentRequests.userId, user.id));
      expect(rows.map((r) => r.requestId).sort()).toEqual([`req-${at}-2`, `req-${at}-3`, `req-${at}-4`]);
    } finally {
      recorder.stop();
    }
  });
});
