import type { ReactNode } from "react";
import { SignedOutHeader } from "@/app/signed-out-header";

/**
 * Signed-out pages: no TanStack Query or toaster; their forms use the small vanilla tRPC client
 * and the server's validation only. Signed-in visitors are sent on by sign-in and sign-up;
 * pages a signed-in user opens from email links live in (email-links).
 */
export default function AuthLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <SignedOutHeader />
      <main id="main" className="flex flex-1 flex-col">
        {children}
      </main>
    </>
  );
}
