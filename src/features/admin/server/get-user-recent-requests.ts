import "server-only";
import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/server/db/client";
import { userRecentRequests, users } from "@/server/db/schema";
import { RECENT_REQUESTS_KEPT } from "@/server/http/recent-requests";
import type { AdminUserRecentRequests } from "../schemas";

const impersonators = alias(users, "impersonator");

/** The user's newest requests in the app, with the staff member behind any made while impersonating. */
export async function getUserRecentRequests(input: { id: string }, db: DbOrTx): Promise<AdminUserRecentRequests> {
  const rows = await db
    .select({
      requestId: userRecentRequests.requestId,
      method: userRecentRequests.method,
      path: userRecentRequests.path,
      status: userRecentRequests.status,
      impersonatorId: impersonators.id,
      impersonatorEmail: impersonators.email,
      createdAt: userRecentRequests.createdAt,
    })
    .from(userRecentRequests)
    .leftJoin(impersonators, eq(impersonators.id, userRecentRequests.impersonatorId))
    .where(eq(userRecentRequests.userId, input.id))
    .orderBy(desc(userRecentRequests.createdAt), desc(userRecentRequests.id))
    .limit(RECENT_REQUESTS_KEPT);
  return {
    items: rows.map(({ impersonatorId, impersonatorEmail, ...r }) => ({
      ...r,
      ok: r.status < 400,
      impersonator: impersonatorId && impersonatorEmail ? { id: impersonatorId, email: impersonatorEmail } : null,
    })),
  };
}
