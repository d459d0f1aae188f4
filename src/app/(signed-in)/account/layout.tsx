import type { ReactNode } from "react";
import { NavLink } from "@/components/ui/nav-link";
import { ACCOUNT_LINKS } from "@/features/auth/ui/account-links";

/** The account pages side by side: a column of links on wide screens, a row of tabs that scrolls on phones. */
export default function AccountLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <div className="flex flex-col gap-6 lg:flex-row lg:gap-10">
      <nav aria-label="Account settings" className="-mx-1 flex gap-1 overflow-x-auto px-1 py-1 lg:w-48 lg:shrink-0 lg:flex-col lg:self-start">
        {ACCOUNT_LINKS.map((link) => (
          <NavLink key={link.href} href={link.href} exact>
            {link.label}
          </NavLink>
        ))}
      </nav>
      <div className="flex min-w-0 flex-1 flex-col gap-6">{children}</div>
    </div>
  );
}
