import "server-only";
import type { z } from "zod";
import { recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { securityRules } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { reloadSecurityRules } from "@/server/security-rules/store";
import type { addSecurityRuleInput, SecurityRuleDto } from "../schemas";
import { normalizeRuleValue } from "./normalize-rule-value";

/** Takes effect in every process within a second (the table's NOTIFY trigger); audited in the same transaction. */
export async function addSecurityRule(input: z.output<typeof addSecurityRuleInput>, actor: StaffAuditActor, db: Db): Promise<SecurityRuleDto> {
  if (input.action === "hold" && input.kind !== "link_domain") {
    const message = "Only link domains can be held for review; other rules refuse.";
    throw new AppError("BAD_REQUEST", { userMessage: message, fieldErrors: { action: [message] } });
  }
  const value = normalizeRuleValue(input.kind, input.value);
  const result = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(securityRules)
      .values({ kind: input.kind, value, action: input.action, note: input.note || null, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      const message = `“${value}” is already on this list.`;
      throw new AppError("CONFLICT", { userMessage: message, fieldErrors: { value: [message] } });
    }
    await recordStaffAudit(tx, actor, {
      action: "security_rule.added",
      target: { type: "security_rule", id: row.id },
      reason: input.note || null,
      after: { kind: row.kind, value: row.value, action: row.action },
    });
    return { id: row.id, kind: row.kind, value: row.value, action: row.action, note: row.note, createdByEmail: actor.email, createdAt: row.createdAt };
  });
  await reloadSecurityRules();
  return result;
}
