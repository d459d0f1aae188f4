import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import { ConnectionBanner } from "@/components/ui/connection-banner";
import { SiteHeader } from "@/components/ui/site-header";
import { Toaster } from "@/components/ui/toaster";
import { TrpcProvider } from "@/trpc/client";

/** Public, but interactive (it records pings): it carries the tRPC client and toasts. */
export default function StatusLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <ConnectionBanner />
      <SiteHeader brandHref="/">
        <div className="ml-auto">
          <ButtonLink href="/app" variant="ghost" size="sm">
            Open the app
          </ButtonLink>
        </div>
      </SiteHeader>
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-10 sm:px-6">
        <TrpcProvider>{children}</TrpcProvider>
      </main>
      <Toaster />
    </>
  );
}
