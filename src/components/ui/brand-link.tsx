import Link from "next/link";
import { BrandMark, brandLinkClasses } from "./brand-mark";

/** The app shell points it at /app, public pages at /. */
export function BrandLink({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className={brandLinkClasses}>
      <BrandMark />
    </Link>
  );
}
