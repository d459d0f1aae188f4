"use client";
import { useQuery } from "@tanstack/react-query";
import { formatCents } from "@/lib/plans";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { EmptyState } from "@/components/ui/empty-state";
import { InvoicesCardFrame, InvoicesLoading } from "./invoices-card-frame";

const date = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });

/**
 * Invoices come from the gateway, so they load on their own with a skeleton. `staff`: support's
 * read-only copy (the staff billing view), with no "Pay" link.
 */
export function InvoicesCard({ workspaceSlug, staff = false }: { workspaceSlug: string; staff?: boolean }) {
  const trpc = useTRPC();
  const invoices = useQuery(staff ? trpc.staffBilling.invoices.queryOptions({ workspaceSlug }) : trpc.billing.invoices.queryOptions({ workspaceSlug }));
  return (
    <InvoicesCardFrame>
      {invoices.isPending ? (
        <InvoicesLoading />
      ) : invoices.error ? (
        <p className="text-sm text-destructive">{describeClientError(invoices.error).message}</p>
      ) : invoices.data.length === 0 ? (
        <EmptyState compact title="No invoices yet" description="Each payment for this workspace's plan leaves an invoice here, with a link to its PDF." />
      ) : (
        <ul className="flex flex-col divide-y divide-border" data-testid="invoices">
          {invoices.data.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm" data-testid="invoice-row">
              <span>{date.format(inv.createdAt)} · {inv.number ?? inv.id}</span>
              <span className="tabular-nums">{formatCents(inv.amountDueCents, inv.currency)}</span>
              <span className={inv.status === "paid" ? "text-muted-foreground" : "font-medium text-destructive"}>{inv.status ?? "draft"}</span>
              <span className="flex gap-3">
                {inv.hostedUrl ? <a className="underline" href={inv.hostedUrl}>{inv.status === "open" && !staff ? "Pay" : "View"}</a> : null}
                {inv.pdfUrl ? <a className="underline" href={inv.pdfUrl}>PDF</a> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </InvoicesCardFrame>
  );
}
