import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/server/db/client";
import { memberships, supportMessages, supportTickets, workspaces } from "@/server/db/schema";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import { publish } from "@/server/realtime/publish";
import { STAFF_CHANNEL } from "@/server/realtime/channels";
import { consumeRateLimit, type RateLimitRule } from "@/server/rate-limit/consume";
import { SUPPORT_EVENTS, type createTicketInput, type TicketContext } from "../schemas";

/** Per client address and per email address: enough for a person, too few for a flood. */
export const TICKETS_PER_IP: RateLimitRule = { name: "support-ticket-ip", limit: 5, windowSeconds: 60 * 60 };
export const TICKETS_PER_ADDRESS: RateLimitRule = { name: "support-ticket-address", limit: 3, windowSeconds: 60 * 60 };

export type TicketFiler = {
  /** Signed in: the account (its address is used, whatever the form says). */
  user: { id: string; email: string; displayName: string } | null;
  ip: string;
  userAgent: string | null;
};

async function limit(db: Db, rule: RateLimitRule, subject: string, field?: string) {
  const result = await consumeRateLimit(db, rule, subject);
  if (result.allowed) return;
  const minutes = Math.ceil(result.retryAfterSeconds / 60);
  const message = `Too many requests${field ? " from this address" : ""}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  throw new AppError("TOO_MANY_REQUESTS", { userMessage: message, retryAfterSeconds: result.retryAfterSeconds, ...(field ? { fieldErrors: { [field]: [message] } } : {}) });
}

/**
 * A ticket, signed in or out. Abuse: per-IP and per-address limits and a honeypot field (a bot
 * that fills it is told "received" and nothing is stored). Signed in, the ticket carries the
 * account, the workspace (if they're a member), the page, recent request ids and the browser.
 * Staff see it appear live (staff channel).
 */
export async function createTicket(input: z.output<typeof createTicketInput>, filer: TicketFiler, db: Db): Promise<{ received: true; signedIn: boolean }> {
  await limit(db, TICKETS_PER_IP, `ip:${filer.ip}`);
  if (input.website) return { received: true, signedIn: filer.user !== null };
  const email = filer.user?.email ?? input.email;
  if (!email) throw new AppError("BAD_REQUEST", { userMessage: "Enter your email address so we can answer.", fieldErrors: { email: ["Email is required"] } });
  await limit(db, TICKETS_PER_ADDRESS, `email:${email}`, filer.user ? undefined : "email");

  const workspaceId = filer.user && input.workspaceSlug ? await memberWorkspaceId(db, filer.user.id, input.workspaceSlug) : null;
  const context: TicketContext = {
    page: input.page ?? null,
    requestIds: filer.user ? (input.requestIds ?? []) : [],
    browser: filer.userAgent,
    ip: filer.ip,
  };
  const name = filer.user?.displayName ?? (input.name || email.split("@")[0]!);
  await transactionWithEffects(db, async (tx) => {
    const [ticket] = await tx
      .insert(supportTickets)
      .values({ email, name, subject: input.subject, userId: filer.user?.id ?? null, workspaceId, context })
      .returning({ id: supportTickets.id });
    await tx.insert(supportMessages).values({ ticketId: ticket!.id, kind: "customer", authorId: filer.user?.id ?? null, authorName: name, body: input.message });
    await publish(STAFF_CHANNEL, { type: SUPPORT_EVENTS.ticketChanged, data: { ticketId: ticket!.id } }, tx);
  });
  return { received: true, signedIn: filer.user !== null };
}

async function memberWorkspaceId(db: Db, userId: string, slug: string): Promise<string | null> {
  const [row] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, userId)))
    .where(eq(workspaces.slug, slug));
  return row?.id ?? null;
}
