import "server-only";
import type { z } from "zod";
import { FLAG_KEYS } from "@/lib/flags/registry";
import type { DbOrTx } from "@/server/db/client";
import type { FlagOverrides } from "@/server/flags/override-cookie";
import type { listFlagsOutput } from "../schemas";
import { selectEvaluationCounts, selectFlagRows } from "./queries";
import { toSummary } from "./to-dto";

const COUNT_DAYS = 7;

/** Every flag in the registry with its saved targeting, stale reasons and last week's sampled counts: two queries. */
export async function listFlags(_input: void, staff: { overrides: FlagOverrides | null }, db: DbOrTx, now = new Date()): Promise<z.infer<typeof listFlagsOutput>> {
  const since = new Date(now.getTime() - (COUNT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
  const [rows, counts] = await Promise.all([selectFlagRows(db), selectEvaluationCounts(db, since)]);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return {
    flags: FLAG_KEYS.map((key) =>
      toSummary(
        key,
        byKey.get(key) ?? null,
        counts.filter((c) => c.flagKey === key).map((c) => ({ variant: c.variant, count: Number(c.count) })),
        now,
        staff.overrides?.[key],
      ),
    ),
  };
}
