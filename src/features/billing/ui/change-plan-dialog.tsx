"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { formatCents, PLANS, type BillingInterval, type PaidPlanId } from "@/lib/plans";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { useChangeSubscription } from "./use-billing-mutations";

/**
 * Shows the invoice the change creates now (prorations) and applies exactly that on confirm.
 * A `FormDialog`, so Radix loads when it first opens, not with the billing page (decision 041).
 */
export function ChangePlanDialog(props: { workspaceSlug: string; plan: PaidPlanId; interval: BillingInterval; seats: number; open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const [seats, setSeats] = useState(props.seats);
  const perSeat = PLANS[props.plan].perSeat;
  const validSeats = Number.isInteger(seats) && seats >= 1 && seats <= 500;
  const input = { workspaceSlug: props.workspaceSlug, plan: props.plan, interval: props.interval, seats: perSeat ? seats : 1 };
  const preview = useQuery({ ...trpc.billing.previewChange.queryOptions(input), enabled: props.open && validSeats, retry: false, staleTime: 0 });
  const change = useChangeSubscription(props.workspaceSlug, () => props.onOpenChange(false));
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Switch to ${PLANS[props.plan].name} (${props.interval === "month" ? "monthly" : "yearly"})`}
      description="You're charged (or credited) the difference for the rest of this period now."
    >
      {perSeat ? (
        <div className="flex flex-col gap-2">
          <Label htmlFor="change-seats">Seats</Label>
          <Input id="change-seats" type="number" min={1} max={500} value={Number.isNaN(seats) ? "" : seats} onChange={(e) => setSeats(e.target.valueAsNumber)} aria-invalid={!validSeats || undefined} />
          {!validSeats ? <p className="text-sm text-destructive">Seats must be a whole number from 1 to 500.</p> : null}
        </div>
      ) : null}
      <section aria-live="polite" aria-busy={preview.isFetching || undefined} data-testid="change-preview">
        {preview.isFetching ? (
          <div className="flex flex-col gap-2" aria-label="Calculating the prorated amount">
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-6 w-32" />
          </div>
        ) : preview.error ? (
          <p className="text-sm text-destructive">{describeClientError(preview.error).message}</p>
        ) : preview.data ? (
          <div className="flex flex-col gap-2 text-sm">
            <ul className="flex flex-col gap-1">
              {preview.data.lines.map((line, i) => (
                <li key={i} className="flex justify-between gap-4">
                  <span>{line.description}{line.proration ? " (prorated)" : ""}</span>
                  <span className="tabular-nums">{formatCents(line.amountCents, preview.data.currency)}</span>
                </li>
              ))}
            </ul>
            <p className="flex justify-between border-t border-border pt-2 font-semibold">
              <span>Due now</span>
              <span data-testid="amount-due">{formatCents(preview.data.amountDueCents, preview.data.currency)}</span>
            </p>
          </div>
        ) : null}
      </section>
      <div className="flex justify-end gap-2">
        <Button variant="outline" onClick={() => props.onOpenChange(false)}>
          Cancel
        </Button>
        <Button disabled={!preview.data || change.isPending || preview.isFetching} onClick={() => change.mutate({ ...input, prorationDate: preview.data!.prorationDate })}>
          {change.isPending ? "Changing…" : "Confirm change"}
        </Button>
      </div>
    </FormDialog>
  );
}
