"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SkeletonRows } from "@/components/ui/skeleton";
import { toast } from "@/components/ui/toast-store";
import { formatCents, PLANS } from "@/lib/plans";
import { describeClientError } from "@/trpc/errors";
import { useTRPC } from "@/trpc/client";
import { InvoicesCard } from "./invoices-card";

const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Runs a staff write, asking for admin mode when the server wants it (the admin feature's `withAdminMode`, passed in by the page). */
export type WithAdminMode = <T>(fn: () => Promise<T>) => Promise<T>;

/** Support's read-only view of a workspace's billing, and (staff admins, in admin mode) a credit through an intent. */
export function StaffBilling({ canGrant, withAdminMode }: { canGrant: boolean; withAdminMode: WithAdminMode }) {
  const trpc = useTRPC();
  const [slug, setSlug] = useState("");
  const [query, setQuery] = useState<string | null>(null);
  const view = useQuery({ ...trpc.staffBilling.workspace.queryOptions({ workspaceSlug: query ?? "" }), enabled: query !== null, retry: false });
  return (
    <div className="flex flex-col gap-6">
      <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => (e.preventDefault(), setQuery(slug.trim()))}>
        <div className="flex flex-col gap-2">
          <Label htmlFor="staff-billing-slug">Workspace slug</Label>
          <Input id="staff-billing-slug" value={slug} onChange={(e) => setSlug(e.target.value)} placeholder="acme-labs" required />
        </div>
        <Button type="submit">Look up</Button>
      </form>
      {query === null ? (
        <EmptyState
          title="Look up a workspace's billing"
          description={`Enter its slug (the part after /w/ in its address) to see its subscription, invoices, payment intents, webhook ledger and credits${canGrant ? ", and to grant a credit" : ""}. Nothing here changes the subscription.`}
          action={<ButtonLink href="/admin/workspaces" size="sm" variant="outline">Find a workspace</ButtonLink>}
        />
      ) : view.isPending ? (
        <div aria-busy="true"><span className="sr-only">Loading billing…</span><SkeletonRows rows={4} /></div>
      ) : view.error ? (
        <p role="alert" className="text-sm text-destructive">{describeClientError(view.error).message}</p>
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle>{view.data.workspace.name}</CardTitle>
              <CardDescription>
                Plan {PLANS[view.data.workspace.plan].name}
                {view.data.subscription ? ` · ${view.data.subscription.status} · ${view.data.subscription.seats} seat(s) · ${view.data.subscription.interval}ly` : " · no subscription"}
                {view.data.customerId ? ` · customer ${view.data.customerId}` : ""}
              </CardDescription>
            </CardHeader>
            {canGrant && view.data.customerId ? (
              <CardContent>
                <GrantCredit workspaceSlug={view.data.workspace.slug} withAdminMode={withAdminMode} />
              </CardContent>
            ) : null}
          </Card>
          <InvoicesCard workspaceSlug={view.data.workspace.slug} staff />
          <Table title="Intents" empty="No payment intents. Every checkout, plan change and credit writes one before it calls the payment provider." rows={view.data.intents.map((i) => [when.format(i.createdAt), i.kind, i.status, String(i.attempts), i.error ?? ""])} head={["Created", "Kind", "Status", "Attempts", "Error"]} />
          <Table title="Webhook ledger" empty="No webhook events for this workspace. The payment provider's events about its customer are recorded here, processed or not." rows={view.data.webhookEvents.map((e) => [when.format(e.receivedAt), e.type, e.status, e.id, e.error ?? ""])} head={["Received", "Type", "Status", "Event", "Error"]} />
          <Table title="Credits" empty={canGrant ? "No credits granted. Grant one above; the next invoices draw from it." : "No credits granted. Staff admins can grant one; the next invoices draw from it."} rows={view.data.creditGrants.map((c) => [when.format(c.createdAt), formatCents(c.amountCents), c.reason, c.settled ? "applied" : "pending"])} head={["Granted", "Amount", "Reason", "State"]} />
        </>
      )}
    </div>
  );
}

function GrantCredit({ workspaceSlug, withAdminMode }: { workspaceSlug: string; withAdminMode: WithAdminMode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [dollars, setDollars] = useState("10");
  const [reason, setReason] = useState("");
  const options = trpc.staffBilling.grantCredit.mutationOptions({
    meta: { toast: false },
    onSuccess: (r) => toast({ title: r.status === "succeeded" ? "Credit applied" : "Credit pending", description: r.message ?? "The next invoices draw from it.", variant: r.status === "failed" ? "error" : "success" }),
    onError: (error) => toast({ title: "No credit granted", description: describeClientError(error).message, variant: "error" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.staffBilling.workspace.queryKey({ workspaceSlug }) }),
  });
  // A money write: the server asks for admin mode (the password again), then the same call runs once more.
  const run = options.mutationFn!;
  const grant = useMutation({ ...options, mutationFn: ((...args: Parameters<typeof run>) => withAdminMode(() => run(...args))) as typeof run });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    grant.mutate({ workspaceSlug, amountCents: Math.round(Number(dollars) * 100), reason });
  };
  return (
    <form className="flex flex-wrap items-end gap-2" onSubmit={submit}>
      <div className="flex flex-col gap-2">
        <Label htmlFor="credit-amount">Credit (USD)</Label>
        <Input id="credit-amount" type="number" min={1} max={1000} step="0.01" value={dollars} onChange={(e) => setDollars(e.target.value)} />
      </div>
      <div className="flex min-w-64 flex-1 flex-col gap-2">
        <Label htmlFor="credit-reason">Reason</Label>
        <Input id="credit-reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={200} />
      </div>
      <Button type="submit" disabled={grant.isPending}>{grant.isPending ? "Granting…" : "Grant credit"}</Button>
    </form>
  );
}

function Table({ title, head, rows, empty }: { title: string; head: string[]; rows: string[][]; empty: string }) {
  return (
    <Card>
      <CardHeader><CardTitle>{title}</CardTitle></CardHeader>
      <CardContent className="overflow-x-auto">
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">{empty}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead><tr>{head.map((h) => <th key={h} className="py-1 pr-4 font-medium">{h}</th>)}</tr></thead>
            <tbody>{rows.map((r, i) => <tr key={i} className="border-t border-border">{r.map((c, j) => <td key={j} className="py-1 pr-4 align-top">{c}</td>)}</tr>)}</tbody>
          </table>
        )}
      </CardContent>
    </Card>
  );
}
