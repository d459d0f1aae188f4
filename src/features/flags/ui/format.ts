import type { FlagSummary, TargetingDto } from "../schemas";
import { formatFlagValue } from "@/lib/flags/format-value";
import { plural } from "@/lib/plural";

export const STALE_LABEL = { past_removal_date: "Past its removal date", full_rollout_30_days: "At 100% for 30+ days" } as const;

export const formatValue = formatFlagValue;

/** One word for the list: what the flag is doing right now. */
export function flagState(flag: FlagSummary): { label: string; tone: "muted" | "on" | "off" | "killed" } {
  const t = flag.targeting;
  if (!t) return { label: `Default (${formatValue(flag.default, flag.kind)})`, tone: "muted" };
  if (t.killed) return { label: "Killed", tone: "killed" };
  if (!t.enabled) return { label: "Off", tone: "off" };
  return { label: "On", tone: "on" };
}

export function rolloutSummary(t: TargetingDto | null): string {
  if (!t) return "—";
  const parts: string[] = [];
  if (t.rules.length) parts.push(plural(t.rules.length, "rule"));
  if (t.rollout) parts.push(`${t.rollout.percentage}% by ${t.rollout.by}`);
  return parts.join(" · ") || "everyone";
}

export const formatCount = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n.toLocaleString("en"));
