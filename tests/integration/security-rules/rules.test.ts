/**
 * Each kind of security rule, enforced where it applies (sign-up, workspaces, feedback posts),
 * added and removed by staff through tRPC, audited, and refused to everyone else.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { FACTORY_PASSWORD } from "@/server/db/factories";
import { feedbackPosts, staffAuditLog, users } from "@/server/db/schema";
import { stopSecurityRulesStore } from "@/server/security-rules/store";
import { browser, call } from "../auth/helpers";
import { makeBoards } from "../feedback/world";
import { fieldErrorsOf, rejection } from "../flags/world";
import { callerFor, makeWorld, newUser } from "../workspaces/world";

afterAll(() => stopSecurityRulesStore());

const PASSWORD = "lantern orchard velvet 42";
async function staff() {
  const person = await newUser({ staffRole: "support" });
  const as = await callerFor(person);
  await as.admin.enterAdminMode({ password: FACTORY_PASSWORD });
  return { person, as };
}
const signUp = (email: string, ip?: string, displayName = "Rule Tester") => call<{ kind: string }>("auth.signUp", { email, displayName, password: PASSWORD }, browser(ip));

describe("blocked sign-up email domains", () => {
  it("refuses the shipped disposable domains and their subdomains on the email field", async () => {
    for (const email of ["someone@mailinator.com", "someone@inbox.yopmail.com"]) {
      const { res, body } = await signUp(email);
      expect(res.status).toBe(400);
      expect(body.error.data.fieldErrors?.email?.[0]).toMatch(/aren't accepted/);
    }
    expect(await db.select().from(users).where(eq(users.email, "someone@mailinator.com"))).toEqual([]);
  });

  it("refuses a domain staff add, and accepts it again once removed", async () => {
    const { as } = await staff();
    const rule = await as.securityRules.add({ kind: "blocked_email_domain", value: "  https://Spam-Corp.example/ ", note: "Bulk sign-ups" });
    expect(rule).toMatchObject({ kind: "blocked_email_domain", value: "spam-corp.example", action: "refuse" });
    expect((await signUp("a@spam-corp.example")).res.status).toBe(400);
    expect((await signUp("a@mail.spam-corp.example")).res.status).toBe(400);
    expect((await signUp("a@not-spam-corp.example")).res.status).toBe(200);
    await as.securityRules.remove({ id: rule.id, reason: "False alarm" });
    expect((await signUp("a@spam-corp.example")).res.status).toBe(200);
  });
});

describe("blocked sign-up IP ranges", () => {
  it("refuses sign-ups from inside an IPv4 or IPv6 range with a message, and allows others", async () => {
    const { as } = await staff();
    await as.securityRules.add({ kind: "blocked_ip_range", value: "203.0.113.0/24" });
    await as.securityRules.add({ kind: "blocked_ip_range", value: "2001:db8::/32" });
    const blocked = await signUp("iprange1@example.com", "203.0.113.77");
    expect(blocked.res.status).toBe(403);
    expect(blocked.body.error.data.userMessage).toMatch(/network are blocked.*support/);
    expect((await signUp("iprange2@example.com", "2001:db8::5")).res.status).toBe(403);
    expect((await signUp("iprange3@example.com", "203.0.114.1")).res.status).toBe(200);
  });

  it("stores a single address as a full-length range and refuses what is not an address", async () => {
    const { as } = await staff();
    expect((await as.securityRules.add({ kind: "blocked_ip_range", value: "192.0.2.9" })).value).toBe("192.0.2.9/32");
    for (const value of ["192.0.2.0/33", "not an ip", "10.0.0.0/8/1"]) {
      expect(fieldErrorsOf(await rejection(as.securityRules.add({ kind: "blocked_ip_range", value }))).value?.[0]).toMatch(/IP address or a CIDR/);
    }
  });
});

describe("reserved workspace slugs and names", () => {
  it("refuses a new workspace whose slug or name is reserved, on the name field", async () => {
    const { as } = await staff();
    await as.securityRules.add({ kind: "reserved_slug", value: "acme" });
    await as.securityRules.add({ kind: "reserved_name", value: "The  Official Team!" });
    const user = await callerFor(await newUser());
    expect(fieldErrorsOf(await rejection(user.workspaces.create({ name: "ACME" }))).name?.[0]).toMatch(/reserved/);
    expect(fieldErrorsOf(await rejection(user.workspaces.create({ name: "the official team" }))).name?.[0]).toMatch(/reserved/);
    expect((await user.workspaces.create({ name: "Acme Fans" })).slug).toBe("acme-fans");
  });

  it("refuses a rename to a reserved name; a personal workspace steps around a reserved slug", async () => {
    const { as } = await staff();
    await as.securityRules.add({ kind: "reserved_name", value: "Groundwork Support" });
    const w = await makeWorld("Rename Co");
    expect(fieldErrorsOf(await rejection(w.as.owner.workspaces.rename({ workspaceSlug: w.workspace.slug, name: "groundwork support" }))).name?.[0]).toMatch(/reserved/);

    await as.securityRules.add({ kind: "reserved_slug", value: "slug-steppers-workspace" });
    const { res, body } = await signUp("personal-slug@example.com", undefined, "Slug Stepper");
    expect(res.status).toBe(200);
    expect(body.result.data).toMatchObject({ redirectTo: "/w/slug-steppers-workspace-2" });
  });

  it("refuses a slug that isn't one, naming the field", async () => {
    const { as } = await staff();
    expect(fieldErrorsOf(await rejection(as.securityRules.add({ kind: "reserved_slug", value: "Acme Inc" }))).value?.[0]).toMatch(/like “acme-inc”/);
  });
});

describe("link domains in feedback posts", () => {
  it("refuses a post linking a refused domain (moderators too), and holds one linking a held domain for review", async () => {
    const { as } = await staff();
    await as.securityRules.add({ kind: "link_domain", value: "casino.example", action: "refuse" });
    await as.securityRules.add({ kind: "link_domain", value: "maybe-spam.example", action: "hold" });
    const w = await makeBoards("Links Co");
    const post = (by: typeof w.as.member, body: string) => by.feedback.createPost({ workspaceSlug: w.ws, boardId: w.publicBoard.id, title: "An idea", body });

    const refused = await rejection(post(w.as.member, "Try [this](https://www.casino.example/win)"));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(fieldErrorsOf(refused).body?.[0]).toMatch(/casino\.example aren't allowed/);
    expect((await rejection(post(w.as.admin, "https://casino.example"))).code).toBe("BAD_REQUEST");

    const held = await post(w.as.member, "See https://maybe-spam.example/offer");
    expect(held.moderation).toBe("held");
    expect((await post(w.as.admin, "See https://maybe-spam.example/offer")).moderation).toBe("visible");
    expect((await post(w.as.member, "See https://fine.example")).moderation).toBe("visible");

    // Editing a visible post to add a held link sends it back to review.
    const visible = await post(w.as.outsider, "Nothing yet");
    await w.as.outsider.feedback.updatePost({ workspaceSlug: w.ws, postId: visible.id, title: "An idea", body: "now https://maybe-spam.example", tags: [] });
    const [row] = await db.select({ moderation: feedbackPosts.moderation }).from(feedbackPosts).where(eq(feedbackPosts.id, visible.id));
    expect(row!.moderation).toBe("held");
  });

  it("only link domains may be held", async () => {
    const { as } = await staff();
    expect(fieldErrorsOf(await rejection(as.securityRules.add({ kind: "blocked_email_domain", value: "x.example", action: "hold" }))).action?.[0]).toMatch(/Only link domains/);
  });
});

describe("staff editing", () => {
  it("audits every change with who, what and why; a duplicate is a CONFLICT on the value", async () => {
    const { person, as } = await staff();
    const rule = await as.securityRules.add({ kind: "link_domain", value: "audited.example", action: "hold", note: "Seen in spam wave" });
    expect(fieldErrorsOf(await rejection(as.securityRules.add({ kind: "link_domain", value: "AUDITED.example" }))).value?.[0]).toMatch(/already on this list/);
    await as.securityRules.remove({ id: rule.id, reason: "Wave over" });
    const entries = await db.select().from(staffAuditLog).where(and(eq(staffAuditLog.targetType, "security_rule"), eq(staffAuditLog.targetId, rule.id))).orderBy(staffAuditLog.id);
    expect(entries.map((e) => [e.action, e.actorEmail, e.reason])).toEqual([
      ["security_rule.added", person.email, "Seen in spam wave"],
      ["security_rule.removed", person.email, "Wave over"],
    ]);
    expect(entries[0]!.after).toEqual({ kind: "link_domain", value: "audited.example", action: "hold" });
    const listed = await as.securityRules.list();
    expect(listed.rules.some((r) => r.id === rule.id)).toBe(false);
    expect(listed.disposableDomains).toContain("mailinator.com");
    expect((await rejection(as.securityRules.remove({ id: rule.id }))).code).toBe("NOT_FOUND");
  });

  it("changes need admin mode; reading does not", async () => {
    const as = await callerFor(await newUser({ staffRole: "admin" }));
    expect((await as.securityRules.list()).disposableDomains.length).toBeGreaterThan(50);
    const refused = await rejection(as.securityRules.add({ kind: "reserved_slug", value: "needs-admin-mode" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
  });

  it("refuses signed-out callers and non-staff users", async () => {
    const plain = await callerFor(await newUser());
    const anonymous = await callerFor(null);
    for (const caller of [plain, anonymous]) {
      expect((await rejection(caller.securityRules.list())).code).toMatch(/FORBIDDEN|UNAUTHORIZED/);
      expect((await rejection(caller.securityRules.add({ kind: "reserved_slug", value: "nope" }))).code).toMatch(/FORBIDDEN|UNAUTHORIZED/);
    }
  });
});
