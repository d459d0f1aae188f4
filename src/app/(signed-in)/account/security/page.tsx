import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { TwoFactorPanel } from "@/features/auth/ui/two-factor-panel";
import { TwoFactorPanelSkeleton } from "@/features/auth/ui/two-factor-panel-skeleton";
import { HydrateClient } from "@/trpc/hydrate-client";
import { prefetch, requireViewer, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  await requireViewer();
  prefetch(trpc.twoFactor.status.queryOptions());
  return (
    <HydrateClient>
      <div className="flex max-w-3xl flex-col gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Security</h1>
          <p className="text-sm text-muted-foreground">
            Two-factor authentication and recovery codes. See where you&apos;re signed in on the{" "}
            <Link href="/account/sessions" className="font-medium text-primary underline underline-offset-4">
              sessions page
            </Link>
            .
          </p>
        </div>
        <Suspense fallback={<TwoFactorPanelSkeleton />}>
          <TwoFactorPanel />
        </Suspense>
      </div>
    </HydrateClient>
  );
}
