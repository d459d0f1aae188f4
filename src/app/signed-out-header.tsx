import type { ReactNode } from "react";
import { BrandMark, brandLinkClasses } from "@/components/ui/brand-mark";
import { buttonClasses } from "@/components/ui/button-classes";
import { HeaderFrame } from "@/components/ui/header-frame";
import { ThemeToggle } from "@/components/ui/theme-toggle";

/**
 * The header a signed-out visitor sees: brand, Sign in, Create account (from 640 px), theme.
 * Its own module, importing no signed-in control: a layout's client JS is every client
 * component its module graph can reach, rendered or not, so the sign-in pages import this
 * and not app-header.tsx. Plain anchors, not next/link: the sign-in pages' budget has no room
 * for Link's client code (decision 041).
 */
export function SignedOutHeader({ signInHref = "/sign-in", children }: { signInHref?: string; children?: ReactNode }) {
  return (
    <HeaderFrame>
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose, see above */}
      <a href="/" className={brandLinkClasses}>
        <BrandMark />
      </a>
      <div className="ml-auto flex min-w-0 items-center gap-2">
        {children}
        <nav aria-label="Account" className="flex items-center gap-2">
          <a href={signInHref} className={buttonClasses("ghost", "sm")}>
            Sign in
          </a>
          <a href="/sign-up" className={buttonClasses("outline", "sm", "max-sm:hidden")}>
            Create account
          </a>
        </nav>
      </div>
      <ThemeToggle />
    </HeaderFrame>
  );
}
