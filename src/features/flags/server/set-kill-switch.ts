import "server-only";
import type { z } from "zod";
import type { StaffAuditActor } from "@/server/audit";
import type { Db } from "@/server/db/client";
import { transactionWithEffects } from "@/server/db/transaction";
import type { flagSummaryDto, setKillSwitchInput } from "../schemas";
import { saveFlag } from "./save-flag";
import { toSummary } from "./to-dto";

/**
 * The kill switch: the flag serves its "off" value to everyone (overrides aside) until released,
 * whatever its rules say, and the rules are kept for when it is. No version check — stopping a
 * broken feature must never lose to a concurrent edit.
 */
export async function setKillSwitch(input: z.output<typeof setKillSwitchInput>, actor: StaffAuditActor, db: Db): Promise<z.infer<typeof flagSummaryDto>> {
  const saved = await transactionWithEffects(db, (tx) =>
    saveFlag(tx, actor, {
      key: input.key,
      expectedVersion: null,
      action: input.killed ? "flag.kill" : "flag.unkill",
      reason: input.reason || null,
      change: (current) => ({ ...current, killed: input.killed, killReason: input.killed ? (input.reason ?? null) : null }),
    }),
  );
  return toSummary(input.key, saved, [], new Date(), undefined);
}
