import "server-only";
import type { z } from "zod";
import { FLAGS, type FlagDefinition, type FlagKey } from "@/lib/flags/registry";
import { parseStoredTargeting, type Targeting } from "@/lib/flags/targeting";
import type { flagDefinitionDto, flagSummaryDto } from "../schemas";
import type { FlagRow } from "./queries";

const DAY_MS = 86_400_000;
export const FULL_ROLLOUT_STALE_DAYS = 30;

export function toDefinitionDto(key: FlagKey): z.infer<typeof flagDefinitionDto> {
  const def = FLAGS[key] as FlagDefinition;
  return {
    key,
    kind: def.kind,
    description: def.description,
    owner: def.owner,
    removeBy: def.removeBy,
    client: def.client,
    default: def.default,
    off: def.off,
    variants: def.kind === "string" ? [...def.variants] : null,
    min: def.kind === "number" ? def.min : null,
    max: def.kind === "number" ? def.max : null,
  };
}

export const targetingOf = (row: FlagRow | null): Targeting | null => (row ? parseStoredTargeting(row) : null);

/** Stale: past its planned removal date, or serving "on" to everyone for 30 days (time to delete the flag and keep the code). */
export function staleReasons(key: FlagKey, row: FlagRow | null, now: Date): z.infer<typeof flagSummaryDto>["stale"] {
  const reasons: z.infer<typeof flagSummaryDto>["stale"] = [];
  if (now.toISOString().slice(0, 10) > (FLAGS[key] as FlagDefinition).removeBy) reasons.push("past_removal_date");
  if (row?.fullRolloutSince && now.getTime() - row.fullRolloutSince.getTime() >= FULL_ROLLOUT_STALE_DAYS * DAY_MS) reasons.push("full_rollout_30_days");
  return reasons;
}

export function toSummary(
  key: FlagKey,
  row: FlagRow | null,
  counts: Array<{ variant: string; count: number }>,
  now: Date,
  override: unknown,
): z.infer<typeof flagSummaryDto> {
  return {
    ...toDefinitionDto(key),
    targeting: targetingOf(row),
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    fullRolloutSince: row?.fullRolloutSince ?? null,
    stale: staleReasons(key, row, now),
    counts,
    ...(override === undefined ? {} : { override }),
  };
}
