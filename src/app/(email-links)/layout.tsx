import type { ReactNode } from "react";
import { AppHeader } from "@/app/app-header";

/**
 * Pages opened from an email link (verify, confirm a new address): often by a signed-in user,
 * who gets the signed-in header. Apart from (auth) so sign-in and sign-up don't load it.
 */
export default function EmailLinkLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <AppHeader />
      <main id="main" className="flex flex-1 flex-col">
        {children}
      </main>
    </>
  );
}
