import "server-only";
import type { z } from "zod";
import { FLAGS, type FlagDefinition } from "@/lib/flags/registry";
import { targetingSchema } from "@/lib/flags/targeting";
import type { StaffAuditActor } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import { AppError } from "@/server/errors";
import type { flagSummaryDto, updateFlagInput } from "../schemas";
import { saveFlag } from "./save-flag";
import { toSummary } from "./to-dto";

/** Staff edit a flag's on/off, rules, rollout and fallthrough. The kill switch is separate (it keeps its own reason). */
export async function updateFlagTargeting(input: z.output<typeof updateFlagInput>, actor: StaffAuditActor, db: Db): Promise<z.infer<typeof flagSummaryDto>> {
  const parsed = targetingSchema(FLAGS[input.key] as FlagDefinition).safeParse(input.targeting);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "targeting"] ??= []).push(issue.message);
    const [field, messages] = Object.entries(fieldErrors)[0]!;
    throw new AppError("BAD_REQUEST", { userMessage: `${field}: ${messages[0]}`, fieldErrors });
  }
  const saved = await transactionWithEffects(db, (tx) =>
    saveFlag(tx, actor, {
      key: input.key,
      expectedVersion: input.version,
      action: "flag.update",
      reason: input.reason || null,
      change: (current) => ({ ...parsed.data, killed: current.killed, killReason: current.killReason }),
    }),
  );
  return toSummary(input.key, saved, [], new Date(), undefined);
}
