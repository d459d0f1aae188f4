import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StaffBillingWithAdminMode } from "./staff-billing-client";
import { getViewer } from "@/trpc/server";

export const metadata: Metadata = { title: "Billing (staff)" };

/** Staff only (support and up, read-only); staff admins may also grant a credit, in admin mode. Others get a 404. */
export default async function StaffBillingPage() {
  const viewer = await getViewer();
  if (!viewer?.staffRole) notFound();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Billing</h1>
        <p className="text-sm text-muted-foreground">A workspace&apos;s subscription, invoices, intents and webhook ledger, read-only.</p>
      </div>
      <StaffBillingWithAdminMode canGrant={viewer.staffRole === "admin"} />
    </div>
  );
}
