import { describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { devMailbox, invites, users } from "@/server/db/schema";
import { browser, call, mailTo, STRONG_PASSWORD } from "../auth/helpers";
import { callerFor, invitesIn, makeWorld, newUser, rolesIn } from "./world";

/** The newest invite email to `to`, and the token from its link. */
async function lastInviteMail(to: string) {
  const [mail] = await db.select().from(devMailbox).where(eq(devMailbox.to, to)).orderBy(desc(devMailbox.id)).limit(1);
  const link = mail?.text.match(/http:\/\/localhost:3000\/invite\/([a-z0-9]+)/);
  return { mail, link: link?.[0], token: link?.[1] };
}

describe("inviting people", () => {
  it("emails a working link to the dev mailbox; the invitee previews and accepts it", async () => {
    const w = await makeWorld("Invite Co");
    const invitee = await newUser({ email: "grace.invitee@example.test" });
    const sent = await w.as.admin.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "  Grace.Invitee@Example.TEST ", role: "admin" });
    expect(sent).toMatchObject({ email: "grace.invitee@example.test", role: "admin" });

    const { mail, link, token } = await lastInviteMail("grace.invitee@example.test");
    expect(mail?.subject).toMatch(/invited you to Invite Co/);
    expect(mail?.html).toContain(link);
    const [row] = await invitesIn(w.workspace.id);
    expect(row!.tokenHash).not.toBe(token); // stored hashed
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    const anonymous = await callerFor(null);
    const preview = await anonymous.workspaces.invitePreview({ token: token! });
    expect(preview).toMatchObject({ workspaceName: "Invite Co", email: "grace.invitee@example.test", role: "admin", status: "pending" });
    expect(Object.keys(preview).sort()).toEqual(["email", "expiresAt", "inviterName", "role", "status", "workspaceName"]);

    const asInvitee = await callerFor(invitee);
    expect(await asInvitee.workspaces.acceptInvite({ token: token! })).toEqual({ slug: w.workspace.slug });
    expect((await rolesIn(w.workspace.id))[invitee.id]).toBe("admin");
    expect((await anonymous.workspaces.invitePreview({ token: token! })).status).toBe("accepted");
  });

  it("signing up through the invite link counts the invited address as verified; another address still gets the verification email", async () => {
    const w = await makeWorld("Invite Verify Co");
    await w.as.admin.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "new.invitee@example.test", role: "member" });
    const { token } = await lastInviteMail("new.invitee@example.test");
    const next = `/invite/${token!}`;
    const res = await call<{ redirectTo: string }>("auth.signUp", { email: "New.Invitee@example.test", displayName: "New Invitee", password: STRONG_PASSWORD, next }, browser());
    expect(res.body.result.data.redirectTo).toBe(next);
    const [invitee] = await db.select().from(users).where(eq(users.email, "new.invitee@example.test"));
    expect(invitee!.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await mailTo("new.invitee@example.test")).map((m) => m.subject)).not.toContain("Verify your email address");

    // The same link used to sign up as someone else proves nothing about that other address.
    await call("auth.signUp", { email: "someone.else@example.test", displayName: "Someone Else", password: STRONG_PASSWORD, next }, browser());
    const [other] = await db.select().from(users).where(eq(users.email, "someone.else@example.test"));
    expect(other!.emailVerifiedAt).toBeNull();
    expect((await mailTo("someone.else@example.test")).map((m) => m.subject)).toEqual(["Verify your email address"]);
  });

  it("an invite to X accepted by Y is FORBIDDEN and stays pending", async () => {
    const w = await makeWorld();
    await w.as.owner.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "x.person@example.test", role: "member" });
    const { token } = await lastInviteMail("x.person@example.test");
    const y = await newUser({ email: "y.person@example.test" });
    await expect((await callerFor(y)).workspaces.acceptInvite({ token: token! })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This invite was sent to x.person@example.test; sign in as that address to accept it.",
    });
    const [row] = await invitesIn(w.workspace.id);
    expect(row).toMatchObject({ acceptedAt: null, revokedAt: null });
    expect((await rolesIn(w.workspace.id))[y.id]).toBeUndefined();
  });

  it("refuses an expired invite", async () => {
    const w = await makeWorld();
    const late = await newUser({ email: "late@example.test" });
    await w.as.owner.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "late@example.test", role: "member" });
    const { token } = await lastInviteMail("late@example.test");
    await db.update(invites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invites.workspaceId, w.workspace.id));
    expect((await (await callerFor(null)).workspaces.invitePreview({ token: token! })).status).toBe("expired");
    await expect((await callerFor(late)).workspaces.acceptInvite({ token: token! })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/expired/) });
    expect((await rolesIn(w.workspace.id))[late.id]).toBeUndefined();
  });

  it("a token works once: the same person again is idempotent, after removal it's used up", async () => {
    const w = await makeWorld();
    const joiner = await newUser({ email: "joiner@example.test" });
    await w.as.owner.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "joiner@example.test", role: "member" });
    const { token } = await lastInviteMail("joiner@example.test");
    const caller = await callerFor(joiner);
    const [first, second] = await Promise.all([caller.workspaces.acceptInvite({ token: token! }), caller.workspaces.acceptInvite({ token: token! })]);
    expect(first).toEqual({ slug: w.workspace.slug });
    expect(second).toEqual({ slug: w.workspace.slug });
    const { auditOf } = await import("./world");
    expect(await auditOf(w.workspace.id, "invite.accepted")).toHaveLength(1);
    await w.as.owner.workspaces.removeMember({ workspaceSlug: w.workspace.slug, userId: joiner.id });
    await expect(caller.workspaces.acceptInvite({ token: token! })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already been used/) });
  });

  it("refuses inviting an existing member, naming the email field", async () => {
    const w = await makeWorld();
    await expect(w.as.admin.workspaces.invite({ workspaceSlug: w.workspace.slug, email: w.member.email.toUpperCase(), role: "member" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { fieldErrors: { email: ["This person is already a member"] } },
    });
    expect(await invitesIn(w.workspace.id)).toEqual([]);
  });

  it("inviting the same address again replaces the pending invite: one row, new token, the old link dead", async () => {
    const w = await makeWorld();
    await w.as.admin.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "twice@example.test", role: "member" });
    const first = await lastInviteMail("twice@example.test");
    await w.as.admin.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "twice@example.test", role: "admin" });
    const second = await lastInviteMail("twice@example.test");
    expect(second.token).not.toBe(first.token);
    const rows = await invitesIn(w.workspace.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe("admin");
    const anonymous = await callerFor(null);
    await expect(anonymous.workspaces.invitePreview({ token: first.token! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await anonymous.workspaces.invitePreview({ token: second.token! })).role).toBe("admin");
  });

  it("resend renews token and expiry and emails again; revoke stops the link; both refuse finished invites", async () => {
    const w = await makeWorld();
    await w.as.admin.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "resend@example.test", role: "member" });
    const first = await lastInviteMail("resend@example.test");
    const [invite] = await invitesIn(w.workspace.id);
    await db.update(invites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invites.id, invite!.id));

    const resent = await w.as.admin.workspaces.resendInvite({ workspaceSlug: w.workspace.slug, inviteId: invite!.id });
    expect(resent.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const second = await lastInviteMail("resend@example.test");
    expect(second.token).not.toBe(first.token);
    const anonymous = await callerFor(null);
    expect((await anonymous.workspaces.invitePreview({ token: second.token! })).status).toBe("pending");

    await w.as.admin.workspaces.revokeInvite({ workspaceSlug: w.workspace.slug, inviteId: invite!.id });
    await w.as.admin.workspaces.revokeInvite({ workspaceSlug: w.workspace.slug, inviteId: invite!.id }); // idempotent
    expect((await anonymous.workspaces.invitePreview({ token: second.token! })).status).toBe("revoked");
    const invitee = await newUser({ email: "resend@example.test" });
    await expect((await callerFor(invitee)).workspaces.acceptInvite({ token: second.token! })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/revoked/) });
    await expect(w.as.admin.workspaces.resendInvite({ workspaceSlug: w.workspace.slug, inviteId: invite!.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await w.as.admin.workspaces.members({ workspaceSlug: w.workspace.slug })).invites).toEqual([]);
  });

  it("members can't see, resend or revoke invites", async () => {
    const w = await makeWorld();
    await w.as.admin.workspaces.invite({ workspaceSlug: w.workspace.slug, email: "hidden@example.test", role: "member" });
    const [invite] = await invitesIn(w.workspace.id);
    await expect(w.as.member.workspaces.resendInvite({ workspaceSlug: w.workspace.slug, inviteId: invite!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.as.member.workspaces.revokeInvite({ workspaceSlug: w.workspace.slug, inviteId: invite!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await invitesIn(w.workspace.id))[0]).toEqual(invite);
  });
});
