import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export const textLinkClasses = "font-medium text-primary underline-offset-4 hover:underline";

/**
 * A link in running text that loads its page in full. Signed-out pages use it (and plain
 * anchors) instead of next/link: Link's client code is 4.7 kB gzipped, and the sign-in pages
 * have a first-load budget (decision 041); a full load of a small public page costs the
 * visitor nothing they notice.
 */
export function TextLink({ href, className, children }: { href: string; className?: string; children: ReactNode }) {
  return (
    <a href={href} className={cn(textLinkClasses, className)}>
      {children}
    </a>
  );
}
