import type { Metadata } from "next";
import { Suspense } from "react";
import { BILLING_EVENTS } from "@/features/billing/schemas";
import { BillingPanel } from "@/features/billing/ui/billing-panel";
import { BillingSkeleton } from "@/features/billing/ui/billing-panel-skeleton";
import { LiveQuerySync } from "@/features/realtime/ui/live-query-sync";
import { streamPosition } from "@/server/realtime/replay";
import { HydrateClient } from "@/trpc/hydrate-client";
import { getQueryClient, prefetch, trpc } from "@/trpc/server";
import { AdminsOnly } from "../admins-only";
import { loadWorkspace, type WorkspaceParams } from "../load-workspace";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage({ params, searchParams }: WorkspaceParams & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const workspace = await loadWorkspace((await params).workspace);
  if (workspace.role === "member") return <AdminsOnly what="Billing settings" workspaceName={workspace.name} />;
  const workspaceSlug = workspace.slug;
  const checkoutParam = (await searchParams).checkout;
  const checkout = checkoutParam === "success" || checkoutParam === "canceled" ? checkoutParam : null;
  // Read before the data: a webhook's billing.updated published after this is replayed to the
  // page's subscription, however long the render takes to reach the browser.
  const since = await streamPosition();
  prefetch(trpc.billing.overview.queryOptions({ workspaceSlug }));
  const { channel } = await getQueryClient().fetchQuery(trpc.realtime.workspaceChannel.queryOptions({ workspaceSlug }));
  // The webhook's sync publishes billing.updated: the plan flips here without a reload.
  const changed = [trpc.billing.overview.queryKey({ workspaceSlug }), trpc.billing.invoices.queryKey({ workspaceSlug })];
  return (
    <HydrateClient>
      <LiveQuerySync channels={[channel]} invalidate={{ [BILLING_EVENTS.updated]: changed }} since={since} />
      <Suspense fallback={<BillingSkeleton />}>
        <BillingPanel workspaceSlug={workspaceSlug} checkout={checkout} />
      </Suspense>
    </HydrateClient>
  );
}
