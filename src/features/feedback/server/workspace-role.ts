import "server-only";
import { and, eq } from "drizzle-orm";
import type { UserActor } from "@/features/workspaces/server/actor";
import type { DbOrTx } from "@/server/db/client";
import { memberships, type WorkspaceRole } from "@/server/db/schema";
import { AppError } from "@/server/errors";

/** For operations that start from the workspace rather than a board: members only, else NOT_FOUND. */
export async function loadWorkspaceRole(db: DbOrTx, actor: UserActor, workspaceId: string): Promise<{ role: WorkspaceRole; canModerate: boolean }> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, actor.userId)));
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "That workspace doesn't exist or you're not a member of it." });
  return { role: row.role, canModerate: row.role === "admin" || row.role === "owner" };
}
