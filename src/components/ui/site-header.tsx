import type { ReactNode } from "react";
import { BrandLink } from "./brand-link";
import { HeaderFrame } from "./header-frame";
import { ThemeToggle } from "./theme-toggle";

type SiteHeaderProps = {
  brandHref?: string;
  /** Only the logo below 640 px, for a header whose links need the room on a phone. */
  compactBrand?: boolean;
  /** Navigation or calls to action, laid out in a flex row between the brand and the theme toggle. */
  children?: ReactNode;
};

export function SiteHeader({ brandHref, compactBrand = false, children }: SiteHeaderProps) {
  return (
    <HeaderFrame>
      <BrandLink href={brandHref} compact={compactBrand} />
      <div className="flex min-w-0 flex-1 items-center gap-2">{children}</div>
      <ThemeToggle />
    </HeaderFrame>
  );
}
