import type { ReactNode } from "react";
import { BrandLink } from "@/components/ui/brand-link";
import { ButtonLink } from "@/components/ui/button-link";
import { HeaderFrame } from "@/components/ui/header-frame";
import { ThemeToggle } from "@/components/ui/theme-toggle";

/**
 * The header a signed-out visitor sees: brand, Sign in, Create account (from 640 px), theme.
 * Its own module, importing no signed-in control: a layout's client JS is every client
 * component its module graph can reach, rendered or not, so the sign-in pages import this
 * and not app-header.tsx (decision 041).
 */
export function SignedOutHeader({ signInHref = "/sign-in", children }: { signInHref?: string; children?: ReactNode }) {
  return (
    <HeaderFrame>
      <BrandLink href="/" />
      <div className="ml-auto flex min-w-0 items-center gap-2">
        {children}
        <nav aria-label="Account" className="flex items-center gap-2">
          <ButtonLink href={signInHref} variant="ghost" size="sm">
            Sign in
          </ButtonLink>
          <ButtonLink href="/sign-up" variant="outline" size="sm" className="max-sm:hidden">
            Create account
          </ButtonLink>
        </nav>
      </div>
      <ThemeToggle />
    </HeaderFrame>
  );
}
