import type { ReactNode } from "react";
import { AppHeader } from "@/app/app-header";

/**
 * Signed-out pages (and the email-link pages a signed-in user may open): no TanStack Query or
 * toaster for signed-out visitors; their forms use the small vanilla tRPC client. A signed-in
 * visitor (verify-email, confirm-email) gets the signed-in header.
 */
export default function AuthLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <AppHeader />
      <main id="main" className="flex flex-1 flex-col">
        {children}
      </main>
    </>
  );
}
