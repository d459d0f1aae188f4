import "server-only";
import { FLAGS, type FlagDefinition, type FlagKey } from "@/lib/flags/registry";
import { defaultTargeting, isFullyRolledOut, type Targeting } from "@/lib/flags/targeting";
import { recordStaffAudit, type StaffAuditActor } from "@/server/audit";
import type { Tx } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { publishFlagChange } from "./publish-flag-change";
import { insertFlagRow, selectFlagRowForUpdate, updateFlagRow, type FlagRow } from "./queries";
import { targetingOf } from "./to-dto";

/**
 * The one write path for a flag's targeting and kill switch, inside the caller's transaction:
 * lock the row, check the version the editor started from, write, audit (before/after), and
 * publish the change to open tabs on commit. NOTIFY (trigger) reloads every process's cache.
 */
export async function saveFlag(
  tx: Tx,
  actor: StaffAuditActor,
  opts: { key: FlagKey; expectedVersion: number | null; action: string; reason: string | null; change: (current: Targeting) => Targeting },
): Promise<FlagRow> {
  const def = FLAGS[opts.key] as FlagDefinition;
  const row = await selectFlagRowForUpdate(tx, opts.key);
  const version = row?.version ?? 0;
  if (opts.expectedVersion !== null && opts.expectedVersion !== version) {
    throw new AppError("CONFLICT", { userMessage: "Someone changed this flag after you opened it. Reload to see their change, then edit again." });
  }
  const before = targetingOf(row);
  const next = opts.change(before ?? defaultTargeting(def));
  const now = new Date();
  const fullRolloutSince = isFullyRolledOut(def, next) ? (row?.fullRolloutSince ?? now) : null;
  const { killed, killReason, ...targeting } = next;
  const values = { targeting, killed, killReason, fullRolloutSince, updatedBy: actor.userId };
  let saved: FlagRow | null;
  if (row) saved = await updateFlagRow(tx, opts.key, { ...values, version: version + 1 });
  else saved = await insertFlagRow(tx, { key: opts.key, ...values, version: 1 });
  if (!saved) throw new AppError("CONFLICT", { userMessage: "Someone saved this flag at the same moment. Reload and try again." });
  await recordStaffAudit(tx, actor, { action: opts.action, target: { type: "feature_flag", id: opts.key }, reason: opts.reason, before, after: next });
  await publishFlagChange(tx, opts.key);
  return saved;
}
