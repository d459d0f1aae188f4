import "server-only";
import type { z } from "zod";
import { FLAGS, type FlagDefinition } from "@/lib/flags/registry";
import { valueSchema } from "@/lib/flags/targeting";
import { recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import type { DbOrTx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { overrideCookieValue, type FlagOverrides } from "@/server/flags/override-cookie";
import type { setOverrideInput } from "../schemas";

/**
 * A staff member's override of one flag for themselves only (null clears it). Returns the new
 * signed cookie value (null when no overrides remain) for the caller to set; audited, since it
 * changes what that staff member sees while they test.
 */
export async function setFlagOverride(
  input: z.output<typeof setOverrideInput>,
  actor: StaffAuditActor & { current: FlagOverrides | null },
  db: DbOrTx,
): Promise<{ overrides: FlagOverrides; cookie: string | null }> {
  if (input.value !== null) {
    const parsed = valueSchema(FLAGS[input.key] as FlagDefinition).safeParse(input.value);
    if (!parsed.success) throw new AppError("BAD_REQUEST", { userMessage: `value: ${parsed.error.issues[0]!.message}`, fieldErrors: { value: [parsed.error.issues[0]!.message] } });
  }
  const overrides: FlagOverrides = { ...actor.current };
  const before = overrides[input.key] ?? null;
  if (input.value === null) delete overrides[input.key];
  else overrides[input.key] = input.value as FlagOverrides[typeof input.key];
  await recordStaffAudit(db, actor, { action: "flag.override", target: { type: "feature_flag", id: input.key }, before, after: input.value });
  return { overrides, cookie: Object.keys(overrides).length > 0 ? overrideCookieValue(actor.userId, overrides) : null };
}
