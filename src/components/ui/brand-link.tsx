import Link from "next/link";
import { BrandMark, brandLinkClasses } from "./brand-mark";

/** The app shell points it at /app, public pages at /. */
export function BrandLink({ href = "/", compact = false }: { href?: string; compact?: boolean }) {
  return (
    <Link href={href} className={brandLinkClasses} aria-label={compact ? "Groundwork home" : undefined}>
      <BrandMark compact={compact} />
    </Link>
  );
}
