import type { ReactNode } from "react";
import { ConnectionBanner } from "@/components/ui/connection-banner";
import { AppHeader } from "@/app/app-header";
import { Toaster } from "@/components/ui/toaster";
import { TrpcProvider } from "@/trpc/client";

/** Public, but interactive (it records pings): it carries the tRPC client and toasts. */
export default function StatusLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <ConnectionBanner />
      <AppHeader />
      <main id="main" className="mx-auto w-full max-w-4xl flex-1 px-4 py-10 sm:px-6">
        <TrpcProvider>{children}</TrpcProvider>
      </main>
      <Toaster />
    </>
  );
}
