import type { ReactNode } from "react";
import { BrandLink } from "./brand-link";
import { HeaderFrame } from "./header-frame";
import { ThemeToggle } from "./theme-toggle";

type SiteHeaderProps = {
  brandHref?: string;
  /** Navigation or calls to action, laid out in a flex row between the brand and the theme toggle. */
  children?: ReactNode;
};

export function SiteHeader({ brandHref, children }: SiteHeaderProps) {
  return (
    <HeaderFrame>
      <BrandLink href={brandHref} />
      <div className="flex min-w-0 flex-1 items-center gap-2">{children}</div>
      <ThemeToggle />
    </HeaderFrame>
  );
}
