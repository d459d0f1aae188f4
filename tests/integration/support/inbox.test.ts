/**
 * The support inbox end to end through tRPC: filing signed out and signed in (with context),
 * abuse limits and the honeypot, the staff inbox (statuses, assignee, notes, replies emailed
 * through the outbox and shown in-app), live events, and who may do what.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { realtimeEvents, supportTickets } from "@/server/db/schema";
import { browser, call, freshIp, mailTo } from "../auth/helpers";
import { fieldErrorsOf, rejection } from "../flags/world";
import { callerFor, makeWorld, newUser } from "../workspaces/world";

async function agent(role: "support" | "admin" = "support") {
  const person = await newUser({ staffRole: role });
  return { person, as: await callerFor(person) };
}
const file = (input: Record<string, unknown>, headers = browser()) => call<{ received: boolean }>("support.create", { subject: "I can't sign in", message: "It says my password is wrong.", ...input }, headers);

describe("filing a ticket", () => {
  it("works signed out: the staff inbox shows it, with the account that has that address", async () => {
    const w = await makeWorld("Signed Out Co");
    const { res, body } = await file({ email: w.member.email.toUpperCase(), name: "Locked Out" });
    expect(res.status).toBe(200);
    expect(body.result.data).toEqual({ received: true, signedIn: false });

    const { as } = await agent();
    const inbox = await as.support.inbox({ status: "open" });
    const item = inbox.items.find((i) => i.email === w.member.email)!;
    expect(item).toMatchObject({ subject: "I can't sign in", name: "Locked Out", status: "open", assigneeName: null });
    const ticket = await as.support.ticket({ ticketId: item.id });
    expect(ticket.user).toEqual({ id: w.member.id, email: w.member.email, displayName: w.member.displayName, filedSignedIn: false });
    expect(ticket.messages).toMatchObject([{ kind: "customer", body: "It says my password is wrong." }]);
    expect(ticket.context.requestIds).toEqual([]);
    // Staff hear of it live.
    const events = await db.select().from(realtimeEvents).where(eq(realtimeEvents.channel, "staff"));
    expect(events.some((e) => (e.payload as { ticketId?: string }).ticketId === item.id)).toBe(true);
  });

  it("signed in, attaches the account, its workspace, the page, request ids and the browser (never another's workspace)", async () => {
    const w = await makeWorld("Signed In Co");
    const owner = await callerFor(w.owner, { "user-agent": "Mozilla/5.0 (Support test)" });
    await owner.support.create({ subject: "Billing page blank", message: "Nothing renders.", workspaceSlug: w.workspace.slug, page: "/w/x/billing", requestIds: ["req-1", "req-2"], email: "ignored@example.com" });
    await owner.support.create({ subject: "Elsewhere", message: "Not my workspace.", workspaceSlug: w.elsewhere.slug });
    const [mine, other] = (await owner.support.mine()).tickets;
    const { as } = await agent();
    const ticket = await as.support.ticket({ ticketId: other!.id });
    expect(ticket).toMatchObject({ email: w.owner.email, user: { id: w.owner.id, filedSignedIn: true }, workspace: { slug: w.workspace.slug }, context: { page: "/w/x/billing", requestIds: ["req-1", "req-2"], browser: "Mozilla/5.0 (Support test)" } });
    expect((await as.support.ticket({ ticketId: mine!.id })).workspace).toBeNull();
  });

  it("answers bad input with field-named messages", async () => {
    const missing = await file({ email: undefined, subject: "" });
    expect(missing.res.status).toBe(400);
    expect(missing.body.error.data.fieldErrors).toMatchObject({ subject: ["Subject is required"] });
    const noEmail = await file({});
    expect(noEmail.body.error.data.fieldErrors).toMatchObject({ email: ["Email is required"] });
    const badEmail = await file({ email: "not-an-address" });
    expect(badEmail.body.error.data.fieldErrors?.email?.[0]).toMatch(/valid email/);
  });

  it("limits each address and each client address; a filled honeypot is 'received' and stores nothing", async () => {
    const email = "flood@example.com";
    for (let i = 0; i < 3; i++) expect((await file({ email })).res.status).toBe(200);
    const limited = await file({ email });
    expect(limited.res.status).toBe(429);
    expect(limited.body.error.data.fieldErrors?.email?.[0]).toMatch(/Too many requests from this address/);

    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await file({ email: `ip${i}@example.com` }, browser(ip))).res.status).toBe(200);
    expect((await file({ email: "ip-extra@example.com" }, browser(ip))).res.status).toBe(429);

    const bot = await file({ email: "bot@example.com", website: "https://spam.example" });
    expect(bot.body.result.data).toEqual({ received: true, signedIn: false });
    expect(await db.select().from(supportTickets).where(eq(supportTickets.email, "bot@example.com"))).toEqual([]);
  });
});

describe("the staff inbox", () => {
  it("replies by email and in-app, keeps notes internal, moves between open / waiting / solved, and assigns", async () => {
    const w = await makeWorld("Reply Co");
    const member = await callerFor(w.member);
    await member.support.create({ subject: "Export is stuck", message: "Since yesterday." });
    const ticketId = (await member.support.mine()).tickets[0]!.id;
    const { person, as } = await agent();

    expect(await as.support.assign({ ticketId, assigneeId: person.id })).toMatchObject({ assigneeId: person.id });
    expect((await as.support.inbox({ status: "open", mine: true })).items.map((i) => i.id)).toContain(ticketId);
    expect(fieldErrorsOf(await rejection(as.support.assign({ ticketId, assigneeId: w.owner.id }))).assigneeId?.[0]).toMatch(/support staff/);

    await as.support.note({ ticketId, note: "Probably the stuck export job; checking Inngest." });
    expect(await as.support.reply({ ticketId, message: "We restarted your export.\n\nIt should arrive within the hour." })).toMatchObject({ status: "waiting" });

    const mail = await mailTo(w.member.email);
    expect(mail[0]!.subject).toBe("Re: Export is stuck");
    expect(mail[0]!.text).toContain("We restarted your export.");
    expect(mail[0]!.text).not.toContain("Inngest");

    const seen = (await member.support.mine()).tickets[0]!;
    expect(seen.status).toBe("waiting");
    expect(seen.messages.map((m) => m.kind)).toEqual(["customer", "reply"]);
    const live = await db.select().from(realtimeEvents).where(eq(realtimeEvents.channel, `user:${w.member.id}`));
    expect(live.some((e) => e.type === "support.replied")).toBe(true);

    await member.support.followUp({ ticketId, message: "Got it, thanks!" });
    expect((await as.support.ticket({ ticketId })).status).toBe("open");
    expect(await as.support.setStatus({ ticketId, status: "solved" })).toMatchObject({ status: "solved" });
    const solved = await as.support.inbox({ status: "solved" });
    expect(solved.items.map((i) => i.id)).toContain(ticketId);
    expect(solved.counts.solved).toBeGreaterThanOrEqual(1);
  });

  it("pages the inbox by id with a cursor", async () => {
    const { as } = await agent();
    for (let i = 0; i < 3; i++) await file({ email: `pager${i}@example.com`, subject: `Page ${i}` }, browser(freshIp()));
    const first = await as.support.inbox({ status: "open", limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await as.support.inbox({ status: "open", limit: 2, cursor: first.nextCursor });
    expect(second.items[0]!.id < first.items[1]!.id).toBe(true);
  });

  it("refuses non-staff, and a customer can't follow up on someone else's ticket", async () => {
    const w = await makeWorld("Refusal Co");
    const member = await callerFor(w.member);
    await member.support.create({ subject: "Mine", message: "Private." });
    const ticketId = (await member.support.mine()).tickets[0]!.id;
    const outsider = await callerFor(w.outsider);
    for (const caller of [outsider, await callerFor(null)]) {
      expect((await rejection(caller.support.inbox({ status: "open" }))).code).toMatch(/FORBIDDEN|UNAUTHORIZED/);
      expect((await rejection(caller.support.ticket({ ticketId }))).code).toMatch(/FORBIDDEN|UNAUTHORIZED/);
      expect((await rejection(caller.support.reply({ ticketId, message: "Hi" }))).code).toMatch(/FORBIDDEN|UNAUTHORIZED/);
    }
    expect((await rejection(outsider.support.followUp({ ticketId, message: "Not mine" }))).code).toBe("NOT_FOUND");
    expect((await outsider.support.mine()).tickets).toEqual([]);
  });
});
