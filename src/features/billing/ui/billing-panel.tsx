"use client";
import { useSuspenseQuery } from "@tanstack/react-query";
import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { isPaidPlan, PLANS, type BillingInterval, type PaidPlanId } from "@/lib/plans";
import { useTRPC } from "@/trpc/client";
import { InvoicesCardSkeleton, InvoicesUnavailable } from "./invoices-card-frame";
import { IntervalToggle, PlanCards } from "./plan-cards";
import { UsageChart } from "./usage-chart";
import { useCancelResume, useGoToGateway } from "./use-billing-mutations";
import { plural } from "@/lib/plural";
import { usePreloadWhenIdle } from "@/components/ui/preload-when-idle";

// Opened by a click only: its code is fetched when the browser is idle, not with the page (decision 041).
const loadChangePlanDialog = () => import("./change-plan-dialog");
const ChangePlanDialog = lazy(() => loadChangePlanDialog().then((m) => ({ default: m.ChangePlanDialog })));
// Below the fold, and its data comes from the gateway after the page anyway: its code is fetched
// when it renders. If that fails, the card says so instead of failing the page.
const InvoicesCard = lazy(() => import("./invoices-card").then((m) => ({ default: m.InvoicesCard }), () => ({ default: InvoicesUnavailable })));

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
const STATUS_TEXT: Record<string, string> = { active: "Active", trialing: "Trial", past_due: "Payment failed", unpaid: "Unpaid", canceled: "Canceled", incomplete: "Incomplete", incomplete_expired: "Expired", paused: "Paused" };

export function BillingPanel({ workspaceSlug, checkout }: { workspaceSlug: string; checkout: "success" | "canceled" | null }) {
  const trpc = useTRPC();
  // The webhook flips the page over the live channel; the page subscribes from the stream position
  // it read before this data (LiveQuerySync's `since`), so a webhook that lands in between is replayed.
  const { data: o } = useSuspenseQuery(trpc.billing.overview.queryOptions({ workspaceSlug }));
  const sub = o.subscription;
  const [interval, setInterval] = useState<BillingInterval>(sub?.interval ?? "month");
  const [changing, setChanging] = useState<PaidPlanId | null>(null);
  usePreloadWhenIdle(loadChangePlanDialog);
  const gateway = useGoToGateway(workspaceSlug);
  const { cancel, resume } = useCancelResume(workspaceSlug);
  // Until the server has answered one, the other waits: a Resume sent while the Cancel is still on
  // its way would find nothing to resume, and the Cancel would then land last.
  const switching = cancel.isPending || resume.isPending;
  const confirming = checkout === "success" && !sub;

  return (
    <div className="flex flex-col gap-6">
      {confirming ? (
        <p role="status" data-testid="checkout-confirming" className="rounded-lg border border-primary/40 bg-primary/5 p-4 text-sm">
          Confirming your payment… this page updates by itself as soon as the payment provider tells us.
        </p>
      ) : null}
      {checkout === "canceled" && !sub ? <p role="status" className="rounded-lg border border-border p-4 text-sm">Checkout was canceled; nothing was charged.</p> : null}
      {sub && (sub.status === "past_due" || sub.status === "unpaid") ? (
        <p role="alert" className="rounded-lg border border-destructive/50 bg-destructive/5 p-4 text-sm">
          The last payment failed. Pay the open invoice below or update the card{sub.graceEndsAt ? ` by ${date.format(sub.graceEndsAt)}` : ""} to keep the {PLANS[sub.plan].name} plan.
        </p>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Current plan</CardTitle>
          <CardDescription>{o.canManage ? "Owners can change the plan, seats and payment method." : "Only owners can change billing; you can look."}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <dl className="grid gap-4 sm:grid-cols-4">
            <Stat label="Plan" value={PLANS[o.plan].name} testId="current-plan" />
            <Stat label="Status" value={sub ? STATUS_TEXT[sub.status] ?? sub.status : "Free"} testId="subscription-status" />
            <Stat label="Members" value={`${o.counts.members} / ${o.limits.members ?? "∞"}`} testId="seats" />
            <Stat label="Boards" value={`${o.counts.boards} / ${o.limits.boards ?? "∞"}`} />
          </dl>
          {sub ? (
            <p className="text-sm text-muted-foreground" data-testid="renewal">
              {sub.cancelAtPeriodEnd ? "Ends" : "Renews"} {sub.currentPeriodEnd ? date.format(sub.currentPeriodEnd) : "at the end of the period"} · {sub.interval === "month" ? "monthly" : "yearly"}
              {PLANS[sub.plan].perSeat ? ` · ${plural(sub.seats, "seat")}` : ""}
              {sub.paymentMethod ? ` · ${sub.paymentMethod.brand} ending ${sub.paymentMethod.last4}` : ""}
            </p>
          ) : null}
          {o.pendingChange ? <p role="status" className="text-sm">A change is being applied{o.pendingChange.error ? ` (retrying: ${o.pendingChange.error})` : ""}…</p> : null}
          {o.canManage && sub ? (
            <div className="flex flex-wrap gap-2">
              <Button variant="outline" disabled={gateway.portal.isPending} onClick={() => gateway.portal.mutate({ workspaceSlug })}>
                {gateway.portal.isPending ? "Opening…" : "Payment method & invoices"}
              </Button>
              {sub.cancelAtPeriodEnd ? (
                <Button onClick={() => resume.mutate({ workspaceSlug })} disabled={switching}>Resume subscription</Button>
              ) : (
                <Button variant="outline" onClick={() => cancel.mutate({ workspaceSlug })} disabled={switching}>Cancel at period end</Button>
              )}
            </div>
          ) : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>API usage this month</CardTitle>
          <CardDescription>
            {o.usage.requests.toLocaleString("en-US")} of {o.usage.included.toLocaleString("en-US")} included requests
            {o.usage.overageCentsPer1000 === null ? "; past that, requests are refused until next month." : `; past that, $${(o.usage.overageCentsPer1000 / 100).toFixed(2)} per 1,000.`}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <UsageChart usage={o.usage} />
        </CardContent>
      </Card>

      <section className="flex flex-col gap-4" aria-labelledby="plans-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="plans-heading" className="text-lg font-semibold">Plans</h2>
          <IntervalToggle value={interval} onChange={setInterval} />
        </div>
        <PlanCards
          interval={interval}
          current={o.plan}
          action={(plan) => {
            if (!o.canManage || !isPaidPlan(plan)) return null;
            if (sub && sub.plan === plan && sub.interval === interval && !PLANS[plan].perSeat) return null;
            if (!sub) {
              return (
                <Button className="w-full" disabled={gateway.checkout.isPending} onClick={() => gateway.checkout.mutate({ workspaceSlug, plan, interval, seats: PLANS[plan].perSeat ? Math.max(o.counts.members, 1) : 1 })}>
                  {gateway.checkout.isPending ? "Opening checkout…" : `Upgrade to ${PLANS[plan].name}`}
                </Button>
              );
            }
            return (
              <Button className="w-full" variant="outline" onClick={() => setChanging(plan)}>
                {sub.plan === plan ? "Change seats" : `Switch to ${PLANS[plan].name}`}
              </Button>
            );
          }}
        />
      </section>
      {changing && sub ? (
        <Suspense fallback={null}>
          <ChangePlanDialog key={`${changing}-${interval}`} workspaceSlug={workspaceSlug} plan={changing} interval={interval} seats={sub.plan === changing ? sub.seats : Math.max(o.counts.members, 1)} open onOpenChange={(open) => !open && setChanging(null)} />
        </Suspense>
      ) : null}

      <Suspense fallback={<InvoicesCardSkeleton />}>
        <InvoicesCard workspaceSlug={workspaceSlug} />
      </Suspense>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold" data-testid={testId}>{value}</dd>
    </div>
  );
}
