import "server-only";
import type { z } from "zod";
import { recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import type { Db, DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { addCohortMemberInput, cohortsOutput, removeCohortMemberInput } from "../schemas";
import { deleteCohortMember, insertCohortMember, selectCohortMembers, selectUserByEmail } from "./queries";

/** Named beta cohorts and their members (a cohort exists while it has members). */
export async function listCohorts(db: DbOrTx): Promise<z.infer<typeof cohortsOutput>> {
  const rows = await selectCohortMembers(db);
  const cohorts = new Map<string, Array<{ userId: string; email: string; displayName: string }>>();
  for (const r of rows) {
    const list = cohorts.get(r.cohort) ?? [];
    list.push({ userId: r.userId, email: r.email, displayName: r.displayName });
    cohorts.set(r.cohort, list);
  }
  return { cohorts: [...cohorts].map(([name, members]) => ({ name, members })) };
}

export async function addCohortMember(input: z.output<typeof addCohortMemberInput>, actor: StaffAuditActor, db: Db): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    const user = await selectUserByEmail(tx, input.email);
    if (!user) throw new AppError("NOT_FOUND", { userMessage: `No user with the address ${input.email}.`, fieldErrors: { email: ["No user with this address"] } });
    if (!(await insertCohortMember(tx, input.cohort, user.id, actor.userId))) {
      throw new AppError("CONFLICT", { userMessage: `${user.email} is already in ${input.cohort}.`, fieldErrors: { email: ["Already in this cohort"] } });
    }
    await recordStaffAudit(tx, actor, { action: "cohort.add", target: { type: "feature_flag_cohort", id: input.cohort }, after: { userId: user.id, email: user.email } });
    return { ok: true as const };
  });
}

export async function removeCohortMember(input: z.output<typeof removeCohortMemberInput>, actor: StaffAuditActor, db: Db): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    // Idempotent: removing someone already gone (a double click, another staff member) is done.
    if (!(await deleteCohortMember(tx, input.cohort, input.userId))) return { ok: true as const };
    await recordStaffAudit(tx, actor, { action: "cohort.remove", target: { type: "feature_flag_cohort", id: input.cohort }, before: { userId: input.userId } });
    return { ok: true as const };
  });
}
