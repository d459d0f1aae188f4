import "server-only";
import type { UserActor } from "@/features/workspaces/server/actor";
import type { DbOrTx } from "@/server/db/client";
import { selectMyBilling } from "./subscription-queries";

/** Each of the viewer's workspaces with its plan; `pastDue` only where the viewer owns it and must act. */
export async function listMyBilling(_input: unknown, actor: Pick<UserActor, "userId">, db: DbOrTx) {
  const rows = await selectMyBilling(db, actor.userId);
  return rows.map((r) => ({
    slug: r.slug,
    name: r.name,
    personal: r.personal,
    plan: r.plan,
    role: r.role,
    pastDue: r.role === "owner" && (r.status === "past_due" || r.status === "unpaid"),
    graceEndsAt: r.graceEndsAt,
  }));
}
