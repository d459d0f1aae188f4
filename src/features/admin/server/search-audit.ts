import "server-only";
import { and, desc, eq, ilike, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { staffAuditLog } from "@/server/db/schema";
import { decodeCursor, encodeCursor } from "@/features/feedback/server/cursor";
import type { AuditEntry, auditInput } from "../schemas";
import { escapeLike } from "./search-terms";

const auditCursor = z.object({ id: z.uuid() });

/**
 * The append-only staff audit log, newest first (keyset on its time-ordered id). A query
 * matches the staff member's address, the action ("user.lock"), the target's id exactly, or
 * words of the reason.
 */
export async function searchAudit(input: z.output<typeof auditInput>, db: DbOrTx): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const q = input.query.trim();
  const listKey = { list: "admin.audit", q };
  const after = decodeCursor(input.cursor, auditCursor, listKey);
  const pattern = `%${escapeLike(q)}%`;
  const matches = q === "" ? undefined : or(ilike(staffAuditLog.actorEmail, pattern), ilike(staffAuditLog.action, pattern), eq(staffAuditLog.targetId, q), ilike(staffAuditLog.reason, pattern));
  const rows = await db
    .select({
      id: staffAuditLog.id,
      actorEmail: staffAuditLog.actorEmail,
      impersonatorId: staffAuditLog.impersonatorId,
      action: staffAuditLog.action,
      targetType: staffAuditLog.targetType,
      targetId: staffAuditLog.targetId,
      reason: staffAuditLog.reason,
      before: staffAuditLog.before,
      after: staffAuditLog.after,
      ip: staffAuditLog.ip,
      createdAt: staffAuditLog.createdAt,
    })
    .from(staffAuditLog)
    .where(and(matches, after ? lt(staffAuditLog.id, after.id) : undefined))
    .orderBy(desc(staffAuditLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? encodeCursor({ id: items[items.length - 1]!.id }, listKey) : null };
}
