import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SkeletonRows } from "@/components/ui/skeleton";

/** The invoices card around its content: loading rows, the list, or why it can't show. */
export function InvoicesCardFrame({ children }: { children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Invoices</CardTitle>
        <CardDescription>Each links to the payment provider&apos;s invoice page and PDF.</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export function InvoicesLoading() {
  return (
    <div aria-busy="true">
      <span className="sr-only">Loading invoices…</span>
      <SkeletonRows rows={3} />
    </div>
  );
}

/** While the card's code loads (billing loads it on demand). */
export function InvoicesCardSkeleton() {
  return (
    <InvoicesCardFrame>
      <InvoicesLoading />
    </InvoicesCardFrame>
  );
}

/** If the card's code can't load: the rest of the billing page still works. */
export function InvoicesUnavailable() {
  return (
    <InvoicesCardFrame>
      <p className="text-sm text-destructive">The invoices couldn&apos;t load. Reload the page to try again.</p>
    </InvoicesCardFrame>
  );
}
