"use client";
import { adminMutation } from "@/features/admin/ui/admin-mode-store";
import { SecurityRulesConsole } from "@/features/security-rules/ui/security-rules-console";

/** Wires the rules console to admin mode (the dialog is mounted by the admin layout). */
export function SecurityRulesLive() {
  return <SecurityRulesConsole adminMutation={adminMutation} />;
}
