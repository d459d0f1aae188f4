import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { securityRules } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { reloadSecurityRules } from "@/server/security-rules/store";
import type { removeSecurityRuleInput } from "../schemas";

export async function removeSecurityRule(input: z.output<typeof removeSecurityRuleInput>, actor: StaffAuditActor, db: Db): Promise<{ ok: true }> {
  const result = await db.transaction(async (tx) => {
    const [row] = await tx.delete(securityRules).where(eq(securityRules.id, input.id)).returning();
    if (!row) throw new AppError("NOT_FOUND", { userMessage: "That rule no longer exists; someone may have removed it already." });
    await recordStaffAudit(tx, actor, {
      action: "security_rule.removed",
      target: { type: "security_rule", id: row.id },
      reason: input.reason || null,
      before: { kind: row.kind, value: row.value, action: row.action },
    });
    return { ok: true as const };
  });
  await reloadSecurityRules();
  return result;
}
