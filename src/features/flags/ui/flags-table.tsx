"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ListCardSkeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import type { AdminWrite } from "@/lib/admin-mode";
import { useTRPC } from "@/trpc/client";
import type { FlagSummary } from "../schemas";
import { flagState, formatCount, formatValue, rolloutSummary, STALE_LABEL } from "./format";
import { KillSwitchButton } from "./kill-switch";

const TONE = { muted: "bg-muted text-muted-foreground", on: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300", off: "bg-muted text-foreground", killed: "bg-destructive/15 text-destructive" };

export function StateBadge({ flag }: { flag: FlagSummary }) {
  const state = flagState(flag);
  return <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium", TONE[state.tone])} data-testid="flag-state">{state.label}</span>;
}

function FlagRow({ flag, adminMutation }: { flag: FlagSummary; adminMutation: AdminWrite }) {
  const total = flag.counts.reduce((n, c) => n + c.count, 0);
  return (
    <li data-testid="flag-row" data-flag={flag.key} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col gap-1 text-sm">
        <span className="flex flex-wrap items-center gap-2">
          <Link href={`/admin/flags/${encodeURIComponent(flag.key)}`} className="font-mono font-medium underline-offset-4 hover:underline">
            {flag.key}
          </Link>
          <StateBadge flag={flag} />
          {flag.override !== undefined ? <span className="rounded-full bg-amber-500/15 px-2 py-0.5 text-xs text-amber-700 dark:text-amber-300">your override: {formatValue(flag.override, flag.kind)}</span> : null}
        </span>
        <span className="text-muted-foreground">{flag.description}</span>
        <span className="text-xs text-muted-foreground">
          {flag.kind} · {rolloutSummary(flag.targeting)} · owner {flag.owner} · remove by {flag.removeBy}
          {total > 0 ? ` · last 7 days: ${flag.counts.map((c) => `${c.variant} ${formatCount(c.count)}`).join(", ")}` : ""}
        </span>
      </div>
      <KillSwitchButton flag={flag} adminMutation={adminMutation} />
    </li>
  );
}

/** `adminMutation`: kill switches are staff writes, so they go through admin mode (wired in app/). */
export function FlagsTable({ adminMutation }: { adminMutation: AdminWrite }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.flags.list.queryOptions());
  return (
    <Card>
      <CardHeader>
        <CardTitle>Flags</CardTitle>
        <CardDescription>Every flag in the registry (src/lib/flags/registry.ts), what it serves now, and a kill switch.</CardDescription>
      </CardHeader>
      <CardContent>
        <ul aria-label="Flags" className="flex flex-col divide-y divide-border">
          {data.flags.map((flag) => (
            <FlagRow key={flag.key} flag={flag} adminMutation={adminMutation} />
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

export function StaleFlags() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.flags.list.queryOptions());
  const stale = data.flags.filter((f) => f.stale.length > 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Stale flags</CardTitle>
        <CardDescription>Past their planned removal date, or serving “on” to everyone for 30 days: delete the flag, keep the code.</CardDescription>
      </CardHeader>
      <CardContent>
        {stale.length === 0 ? (
          <p className="text-sm text-muted-foreground">No stale flags.</p>
        ) : (
          <ul aria-label="Stale flags" className="flex flex-col divide-y divide-border">
            {stale.map((f) => (
              <li key={f.key} data-testid="stale-flag" className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span className="font-mono">{f.key}</span>
                <span className="text-muted-foreground">{f.stale.map((r) => STALE_LABEL[r]).join(" · ")}</span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

export const FlagsTableSkeleton = () => <ListCardSkeleton label="Loading flags" rows={3} />;
