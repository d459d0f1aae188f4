import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/app/app-header";

// The address holds a secret token: keep it out of search engines and other sites' referrers.
export const metadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

/** Public: anyone with the link sees who invited them, signed in or not. */
export default function InviteLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <AppHeader />
      <main id="main" className="mx-auto w-full max-w-xl flex-1 px-4 py-16 sm:px-6">
        {children}
      </main>
    </>
  );
}
