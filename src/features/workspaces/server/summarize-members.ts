import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { WorkspaceRole } from "@/server/db/schema";
import type { WorkspaceActor } from "./actor";
import { selectNewestMembers } from "./member-summary-queries";

export type MemberSummary = {
  count: number;
  newest: Array<{ userId: string; displayName: string; role: WorkspaceRole }>;
  canInvite: boolean;
};

/** Who is here at a glance: how many, the newest few, and whether the viewer may invite more. */
export async function summarizeMembers(input: { limit: number }, actor: WorkspaceActor, db: DbOrTx): Promise<MemberSummary> {
  const rows = await selectNewestMembers(db, actor.workspace.id, input.limit);
  return {
    // Never empty: the viewer is a member.
    count: rows[0]?.total ?? 0,
    newest: rows.map(({ userId, displayName, role }) => ({ userId, displayName, role })),
    canInvite: actor.workspace.role !== "member",
  };
}
