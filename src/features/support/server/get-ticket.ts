import "server-only";
import { eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/server/db/client";
import { supportTickets, users, workspaces } from "@/server/db/schema";
import type { TicketContext, TicketDetail } from "../schemas";
import { selectMessages, ticketNotFound } from "./queries";

const assignees = alias(users, "assignees");
const filers = alias(users, "filers");
const byAddress = alias(users, "by_address");

/** Everything staff need on one ticket: thread with notes, the account it's about, context. Two queries. */
export async function getTicket(ticketId: string, db: DbOrTx): Promise<TicketDetail> {
  const [row] = await db
    .select({
      ticket: supportTickets,
      assignee: { id: assignees.id, name: assignees.displayName },
      filer: { id: filers.id, email: filers.email, displayName: filers.displayName },
      byAddress: { id: byAddress.id, email: byAddress.email, displayName: byAddress.displayName },
      workspace: { id: workspaces.id, slug: workspaces.slug, name: workspaces.name },
    })
    .from(supportTickets)
    .leftJoin(assignees, eq(assignees.id, supportTickets.assigneeId))
    .leftJoin(filers, eq(filers.id, supportTickets.userId))
    .leftJoin(byAddress, eq(byAddress.email, supportTickets.email))
    .leftJoin(workspaces, eq(workspaces.id, supportTickets.workspaceId))
    .where(eq(supportTickets.id, ticketId));
  if (!row) throw ticketNotFound();
  const t = row.ticket;
  const account = row.filer?.id ? { ...row.filer, filedSignedIn: true } : row.byAddress?.id ? { ...row.byAddress, filedSignedIn: false } : null;
  const stored = (t.context ?? {}) as Partial<TicketContext>;
  return {
    id: t.id,
    subject: t.subject,
    email: t.email,
    name: t.name,
    status: t.status,
    assignee: row.assignee?.id ? { id: row.assignee.id, name: row.assignee.name } : null,
    user: account,
    workspace: row.workspace?.id ? row.workspace : null,
    context: { page: stored.page ?? null, requestIds: stored.requestIds ?? [], browser: stored.browser ?? null, ip: stored.ip ?? null },
    createdAt: t.createdAt,
    messages: (await selectMessages(db, [t.id], { notes: true })).map(({ ticketId: _ticketId, ...m }) => m),
  };
}
