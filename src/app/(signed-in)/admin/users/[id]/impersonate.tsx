"use client";
import { withAdminMode } from "@/features/admin/ui/admin-mode-store";
import { ImpersonateButton } from "@/features/impersonation/ui/impersonate-button";

/** The user page's Impersonate action, wired to the console's admin-mode prompt. */
export function Impersonate({ userId }: { userId: string }) {
  return <ImpersonateButton userId={userId} withAdminMode={withAdminMode} />;
}
