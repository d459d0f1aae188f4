import type { ReactNode } from "react";
import { ConnectionBanner } from "@/components/ui/connection-banner";
import { Toaster } from "@/components/ui/toaster";
import { VerifyEmailBannerLazy } from "@/features/auth/ui/verify-email-banner-lazy";
import { TrpcProvider } from "@/trpc/client";
import { requireViewer } from "@/trpc/server";
import { AppHeader } from "@/app/app-header";
import { PastDueBanner } from "./past-due-banner";

/**
 * Every signed-in page: the session is checked here once per request (a revoked session is
 * sent to sign-in on its next navigation), and the tRPC client, toasts and connection banner
 * load only for these pages. No client component here reads a feature flag, so the flag store
 * and its live subscription stay off these pages (decisions 041, 060); a page that starts to should wrap its own
 * layout in `LiveFlags`, as the boards' layout does (useFlagValue throws without it).
 */
export default async function SignedInLayout({ children }: Readonly<{ children: ReactNode }>) {
  const viewer = await requireViewer();
  return (
    <TrpcProvider>
      <ConnectionBanner />
      <AppHeader />
      {viewer.emailVerified ? null : <VerifyEmailBannerLazy email={viewer.email} />}
      <PastDueBanner />
      <main id="main" className="mx-auto w-full max-w-6xl min-w-0 flex-1 px-4 py-8 sm:px-6 sm:py-10">
        {children}
      </main>
      <Toaster />
    </TrpcProvider>
  );
}
