"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";
import { isActivePath } from "@/lib/nav";

type NavLinkProps = {
  href: string;
  children: ReactNode;
  /** Match only this exact path; an index route like /app would otherwise match every child. */
  exact?: boolean;
  className?: string;
};

/** A tab or header link: marks the current page, and shows that it was clicked while the next page loads. */
export function NavLink({ href, children, exact = false, className }: NavLinkProps) {
  // Null only while a Pages Router page renders; the app has API routes there, no pages.
  const pathname = usePathname() ?? "";
  const active = isActivePath(pathname, href, exact);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={cn(
        "relative shrink-0 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring",
        active ? "bg-muted text-foreground" : "text-muted-foreground hover:bg-muted hover:text-foreground",
        className,
      )}
    >
      {children}
      <PendingBar />
    </Link>
  );
}

/** A thin bar under the link from the click until the next page's loading state or content shows. */
function PendingBar() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden="true"
      data-testid={pending ? "nav-pending" : undefined}
      className={cn(
        "pointer-events-none absolute inset-x-3 bottom-0.5 h-0.5 origin-left rounded-full bg-primary transition-transform duration-200",
        pending ? "scale-x-100 motion-safe:animate-pulse" : "scale-x-0",
      )}
    />
  );
}
