import type { Metadata } from "next";
import { Suspense } from "react";
import { nextSecurityLogCursor, SECURITY_LOG_PAGE_SIZE } from "@/features/auth/schemas";
import { SecurityLog } from "@/features/auth/ui/security-log";
import { SecurityLogSkeleton } from "@/features/auth/ui/security-log-skeleton";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, requireViewer, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Security log" };

export default async function SecurityLogPage() {
  await requireViewer();
  prefetch(trpc.auth.securityLog.infiniteQueryOptions({ limit: SECURITY_LOG_PAGE_SIZE }, { getNextPageParam: nextSecurityLogCursor }));
  return (
    <HydrateClient>
      <div className="flex flex-col gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Security log</h1>
          <p className="text-sm text-muted-foreground">Sign-ins, password and email changes on your account. If something here wasn&apos;t you, change your password.</p>
        </div>
        <Suspense fallback={<SecurityLogSkeleton />}>
          <SecurityLog />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
