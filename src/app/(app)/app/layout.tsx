import type { ReactNode } from "react";
import { ConnectionBanner } from "@/components/ui/connection-banner";
import { Toaster } from "@/components/ui/toaster";
import { NavLink } from "@/components/ui/nav-link";
import { SiteHeader } from "@/components/ui/site-header";
import { TrpcProvider } from "@/trpc/client";

export default function AppShellLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <ConnectionBanner />
      <SiteHeader brandHref="/app">
        <nav aria-label="App" className="-mx-1 flex items-center gap-1 overflow-x-auto px-1 py-1 sm:ml-4">
          <NavLink href="/app" exact>
            Overview
          </NavLink>
          <NavLink href="/app/status">Status</NavLink>
        </nav>
      </SiteHeader>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 sm:px-6">
        {/* The tRPC client and query cache load only on app pages, not on public ones. */}
        <TrpcProvider>{children}</TrpcProvider>
      </main>
      <Toaster />
    </>
  );
}
