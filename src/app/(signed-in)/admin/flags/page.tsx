import type { Metadata } from "next";
import { Suspense } from "react";
import { CohortsPanelSkeleton } from "@/features/flags/ui/cohorts-panel-skeleton";
import { FlagAuditLazy } from "@/features/flags/ui/flag-audit-lazy";
import { FlagAuditSkeleton } from "@/features/flags/ui/flag-audit-skeleton";
import { FlagsTableSkeleton, StaleFlags } from "@/features/flags/ui/flags-table";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, trpc } from "@/trpc/server";
import { CohortsPanelLive, FlagsTableLive } from "./with-admin-mode";

export const metadata: Metadata = { title: "Feature flags" };

export default function FlagsPage() {
  prefetch(trpc.flags.list.queryOptions());
  prefetch(trpc.flags.cohorts.queryOptions());
  prefetch(trpc.flags.audit.infiniteQueryOptions({ key: null, limit: 20 }, { getNextPageParam: (page) => page.nextCursor }));
  return (
    <HydrateClient>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Feature flags</h1>
        <p className="text-sm text-muted-foreground">Release separately from deploy: targeting, rollouts and kill switches, live in every tab within seconds.</p>
      </div>
      <Suspense fallback={<FlagsTableSkeleton />}>
        <FlagsTableLive />
      </Suspense>
      <Suspense fallback={<FlagsTableSkeleton />}>
        <StaleFlags />
      </Suspense>
      <Suspense fallback={<CohortsPanelSkeleton />}>
        <CohortsPanelLive />
      </Suspense>
      <Suspense fallback={<FlagAuditSkeleton />}>
        <FlagAuditLazy flagKey={null} />
      </Suspense>
    </HydrateClient>
  );
}
