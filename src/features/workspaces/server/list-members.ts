import "server-only";
import type { DbOrTx } from "@/server/db/client";
import type { MembersList } from "../schemas";
import type { WorkspaceActor } from "./actor";
import { selectPendingInvites } from "./invite-queries";
import { selectMembers } from "./queries";

/** Two queries at most, whatever the number of members or invites. */
export async function listMembers(_input: unknown, actor: WorkspaceActor, db: DbOrTx): Promise<MembersList> {
  const canSeeInvites = actor.workspace.role !== "member";
  const [members, invites] = await Promise.all([
    selectMembers(db, actor.workspace.id),
    canSeeInvites ? selectPendingInvites(db, actor.workspace.id) : Promise.resolve(null),
  ]);
  const now = Date.now();
  return {
    members,
    invites: invites?.map((invite) => ({ ...invite, role: invite.role === "admin" ? "admin" : "member", expired: invite.expiresAt.getTime() <= now })) ?? null,
  };
}
