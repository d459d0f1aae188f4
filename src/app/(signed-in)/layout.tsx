import type { ReactNode } from "react";
import { ConnectionBanner } from "@/components/ui/connection-banner";
import { NavLink } from "@/components/ui/nav-link";
import { SiteHeader } from "@/components/ui/site-header";
import { Toaster } from "@/components/ui/toaster";
import { AccountMenu } from "@/features/auth/ui/account-menu";
import { OPERATOR_BOARD_PATH } from "@/features/feedback/schemas";
import { VerifyEmailBanner } from "@/features/auth/ui/verify-email-banner";
import { LiveIndicator } from "@/features/realtime/ui/live-indicator";
import { WorkspaceSwitcher } from "@/features/workspaces/ui/workspace-switcher";
import { TrpcProvider } from "@/trpc/client";
import { requireViewer } from "@/trpc/server";
import { LiveFlags } from "@/app/flags-live";
import { loadClientFlags } from "@/app/load-flags";
import { NotificationBellSlot } from "./notification-bell-slot";
import { PastDueBanner } from "./past-due-banner";

/**
 * Every signed-in page: the session is checked here once per request (a revoked session is
 * sent to sign-in on its next navigation), and the tRPC client, toasts and connection banner
 * load only for these pages.
 */
export default async function SignedInLayout({ children }: Readonly<{ children: ReactNode }>) {
  const viewer = await requireViewer();
  const flags = await loadClientFlags(null);
  return (
    <TrpcProvider>
      <LiveFlags initial={flags} workspaceSlug={null}>
      <ConnectionBanner />
      <SiteHeader brandHref="/app">
        <WorkspaceSwitcher />
        <nav aria-label="App" className="-mx-1 flex items-center gap-1 overflow-x-auto px-1 py-1 sm:ml-4">
          <NavLink href="/app" exact>
            Overview
          </NavLink>
          <NavLink href="/account">Account</NavLink>
          <NavLink href={OPERATOR_BOARD_PATH}>Feedback</NavLink>
          {viewer.staffRole ? <NavLink href="/staff/jobs">Jobs</NavLink> : null}
          {viewer.staffRole ? <NavLink href="/staff/billing">Billing</NavLink> : null}
          {viewer.staffRole ? <NavLink href="/admin/flags">Flags</NavLink> : null}
        </nav>
        <LiveIndicator userId={viewer.userId} />
        <NotificationBellSlot userId={viewer.userId} />
        <AccountMenu displayName={viewer.displayName} email={viewer.email} />
      </SiteHeader>
      {viewer.emailVerified ? null : <VerifyEmailBanner email={viewer.email} />}
      <PastDueBanner />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">
        {children}
      </main>
      <Toaster />
      </LiveFlags>
    </TrpcProvider>
  );
}
