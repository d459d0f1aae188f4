import type { ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import { SiteHeader } from "@/components/ui/site-header";

/** Signed-out pages: no TanStack Query, no toaster; their forms use the small vanilla tRPC client. */
export default function AuthLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <>
      <SiteHeader brandHref="/">
        <nav aria-label="Account" className="ml-auto flex items-center gap-2">
          <ButtonLink href="/sign-in" variant="ghost" size="sm">
            Sign in
          </ButtonLink>
          <ButtonLink href="/sign-up" variant="outline" size="sm">
            Create account
          </ButtonLink>
        </nav>
      </SiteHeader>
      <main id="main" className="flex flex-1 flex-col">
        {children}
      </main>
    </>
  );
}
