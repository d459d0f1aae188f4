"use client";
import type { ReactNode } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { cn } from "@/lib/cn";
import { BILLING_INTERVALS, formatCents, PLAN_IDS, PLANS, type BillingInterval, type PlanId } from "@/lib/plans";

/** Monthly / yearly, as a two-button radio group (enabled once hydrated: a click before would do nothing). */
export function IntervalToggle({ value, onChange }: { value: BillingInterval; onChange: (v: BillingInterval) => void }) {
  const hydrated = useHydrated();
  return (
    <div role="radiogroup" aria-label="Billing interval" className="inline-flex rounded-lg border border-border bg-muted p-1">
      {BILLING_INTERVALS.map((interval) => (
        <button
          key={interval}
          type="button"
          role="radio"
          aria-checked={value === interval}
          disabled={!hydrated}
          onClick={() => onChange(interval)}
          className={cn("rounded-md px-3 py-1.5 text-sm font-medium", value === interval ? "bg-card shadow-sm" : "text-muted-foreground hover:text-foreground")}
        >
          {interval === "month" ? "Monthly" : "Yearly (2 months free)"}
        </button>
      ))}
    </div>
  );
}

export function planPrice(plan: PlanId, interval: BillingInterval): string {
  const p = PLANS[plan];
  if (!p.price) return "$0";
  return `${formatCents(p.price[interval])}${p.perSeat ? " per seat" : ""} / ${interval}`;
}

/** The three plans from src/lib/plans.ts; `action` renders each card's button (or a "current plan" badge). */
export function PlanCards({ interval, current, action }: { interval: BillingInterval; current: PlanId | null; action: (plan: PlanId) => ReactNode }) {
  return (
    <ul className="grid gap-4 md:grid-cols-3">
      {PLAN_IDS.map((id) => {
        const plan = PLANS[id];
        const isCurrent = current === id;
        return (
          <li key={id} data-testid={`plan-${id}`} className={cn("flex flex-col gap-4 rounded-xl border bg-card p-6 shadow-sm", isCurrent ? "border-primary" : "border-border")}>
            <div className="flex items-center justify-between gap-2">
              <h3 className="text-lg font-semibold">{plan.name}</h3>
              {isCurrent ? <span className="rounded-full bg-primary/10 px-2 py-0.5 text-xs font-medium text-primary">Current plan</span> : null}
            </div>
            <p className="text-sm text-muted-foreground">{plan.tagline}</p>
            <p className="text-2xl font-semibold" data-testid={`price-${id}`}>{planPrice(id, interval)}</p>
            <ul className="flex flex-col gap-1 text-sm">
              {plan.highlights.map((h) => (
                <li key={h}>✓ {h}</li>
              ))}
            </ul>
            <div className="mt-auto">{action(id)}</div>
          </li>
        );
      })}
    </ul>
  );
}
