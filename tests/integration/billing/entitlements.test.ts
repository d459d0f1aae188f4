/**
 * Entitlements from the plan, enforced in the operations: through tRPC (invites, accepting,
 * boards) and REST (the API quota). Over a limit nothing is removed; adding is refused with a
 * message that says what to do. Plans are set as billing's sync would set them.
 */
import { TRPCError } from "@trpc/server";
import { desc, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { apiKeyCache } from "@/features/api-keys/server/verify/key-cache";
import { usageRecorder } from "@/features/api-keys/server/verify/usage-recorder";
import { billingPeriodStart, PLANS, type PlanId } from "@/lib/plans";
import { db } from "@/server/db/client";
import { createFeedbackBoard, createUser } from "@/server/db/factories";
import { apiUsagePeriods, devMailbox, feedbackBoards, memberships, workspaces } from "@/server/db/schema";
import { api, issueKey, makeApiWorld, nextRandom } from "../../support/api";
import { callerWithHeaders } from "../../support/callers";
import { signedInHeaders } from "../../support/sessions";

afterAll(async () => {
  usageRecorder().stop();
  await apiKeyCache().listener.stop();
});

const setPlan = (workspaceId: string, plan: PlanId, seats: number | null = null) => db.update(workspaces).set({ plan, seats }).where(eq(workspaces.id, workspaceId));
const as = async (userId: string) => callerWithHeaders(await signedInHeaders(userId));

async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("members (invites count as seats)", () => {
  it("Free allows 3 members; the next invite is refused with what to do, and upgrading lets it through", async () => {
    const w = await makeApiWorld(); // owner, admin, member = 3
    const owner = await as(w.owner.id);
    const error = await refusal(owner.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "fourth@example.com", role: "member" }));
    expect(error.code).toBe("PAYMENT_REQUIRED");
    expect(error.message).toContain(`${w.workspace.name} is on the Free plan, which allows 3 members`);
    expect(error.message).toContain(`/w/${w.workspace.slug}/billing`);
    await setPlan(w.workspace.id, "pro");
    await expect(owner.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "fourth@example.com", role: "member" })).resolves.toMatchObject({ email: "fourth@example.com" });
  });

  it("Team's member limit is its seat count, pending invites included", async () => {
    const w = await makeApiWorld();
    await setPlan(w.workspace.id, "team", 4);
    const owner = await as(w.owner.id);
    await owner.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "seat4@example.com", role: "member" });
    const error = await refusal(owner.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "seat5@example.com", role: "member" }));
    expect(error.message).toMatch(/Team plan, which allows 4 members .*add seats/);
    // Re-sending an existing invite takes no new seat.
    await expect(owner.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "seat4@example.com", role: "admin" })).resolves.toMatchObject({ role: "admin" });
  });

  it("a downgrade deletes nobody; accepting an invite sent before it is refused", async () => {
    const w = await makeApiWorld();
    await setPlan(w.workspace.id, "pro");
    const owner = await as(w.owner.id);
    const invitee = await createUser(db, nextRandom());
    await owner.workspaces.invite({ workspaceSlug: w.workspace.slug, email: invitee.email, role: "member" });
    const extra = await createUser(db, nextRandom());
    await db.insert(memberships).values({ workspaceId: w.workspace.id, userId: extra.id, role: "member" });
    await setPlan(w.workspace.id, "free"); // 4 members now, over Free's 3
    const members = await owner.workspaces.members({ workspaceSlug: w.workspace.slug });
    expect(members.members).toHaveLength(4);
    const { token } = await latestInviteToken(invitee.email);
    const error = await refusal((await as(invitee.id)).workspaces.acceptInvite({ token }));
    expect(error.code).toBe("PAYMENT_REQUIRED");
    expect((await owner.workspaces.members({ workspaceSlug: w.workspace.slug })).members).toHaveLength(4);
  });
});

describe("boards", () => {
  it("Free allows one board; existing boards stay after a downgrade and the next is refused", async () => {
    const w = await makeApiWorld();
    const admin = await as(w.admin.id);
    await admin.feedback.createBoard({ workspaceSlug: w.workspace.slug, slug: "ideas", name: "Ideas" });
    const error = await refusal(admin.feedback.createBoard({ workspaceSlug: w.workspace.slug, slug: "bugs", name: "Bugs" }));
    expect(error.code).toBe("PAYMENT_REQUIRED");
    expect(error.message).toMatch(/allows 1 feedback board\. An owner can upgrade the plan on the billing page/);
    await setPlan(w.workspace.id, "pro");
    await admin.feedback.createBoard({ workspaceSlug: w.workspace.slug, slug: "bugs", name: "Bugs" });
    await createFeedbackBoard(db, nextRandom(), { workspaceId: w.workspace.id });
    await setPlan(w.workspace.id, "free");
    expect(await db.$count(feedbackBoards, eq(feedbackBoards.workspaceId, w.workspace.id))).toBe(3);
    await expect(admin.feedback.createBoard({ workspaceSlug: w.workspace.slug, slug: "more", name: "More" })).rejects.toMatchObject({ code: "PAYMENT_REQUIRED" });
  });
});

describe("API usage (REST)", () => {
  it("Free stops at its included requests; Pro keeps serving past them (billed as overage)", async () => {
    const w = await makeApiWorld();
    const { secret } = await issueKey(w.admin, w.workspace, "admin");
    await db.insert(apiUsagePeriods).values({ workspaceId: w.workspace.id, periodStart: billingPeriodStart(new Date()), requests: PLANS.free.monthlyApiRequests });
    const refused = await api("GET", "/api/v1/me", { key: secret });
    expect(refused.status).toBe(429);
    expect(refused.body.error!.message).toContain(`/w/${w.workspace.slug}/billing`);
    await db.update(apiUsagePeriods).set({ requests: PLANS.pro.monthlyApiRequests + 5 }).where(eq(apiUsagePeriods.workspaceId, w.workspace.id));
    await setPlan(w.workspace.id, "pro");
    // The plan change reaches the key cache by NOTIFY; the quota's count refreshes within 2 s.
    await expect.poll(async () => (await api("GET", "/api/v1/me", { key: secret })).status, { timeout: 10_000 }).toBe(200);
    const me = await api("GET", "/api/v1/me", { key: secret });
    expect(me.body).toMatchObject({ workspace: { plan: "pro" } });
  });
});

async function latestInviteToken(email: string) {
  // The token exists only in the email's link; the dev mailbox stores the email.
  const [mail] = await db.select().from(devMailbox).where(eq(devMailbox.to, email)).orderBy(desc(devMailbox.id)).limit(1);
  return { token: mail!.text.match(/\/invite\/([a-z0-9]+)/)![1]! };
}
