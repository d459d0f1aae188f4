import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/ui/site-header";

// The address holds a signed token: keep it out of search engines and other sites' referrers.
export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false, follow: false }, referrer: "no-referrer" };

/** Public: the link in an email works without signing in. */
export default function UnsubscribeLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <SiteHeader brandHref="/" />
      <main id="main" className="mx-auto w-full max-w-xl flex-1 px-4 py-16 sm:px-6">
        {children}
      </main>
    </>
  );
}
