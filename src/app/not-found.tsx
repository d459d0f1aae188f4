import type { Metadata } from "next";
import { BrandMark, brandLinkClasses } from "@/components/ui/brand-mark";
import { buttonClasses } from "@/components/ui/button-classes";
import { FallbackMessage } from "@/components/ui/fallback-message";
import { HeaderFrame } from "@/components/ui/header-frame";
import { ThemeToggle } from "@/components/ui/theme-toggle";

export const metadata: Metadata = { title: "Page not found" };

/**
 * Plain anchors, not next/link: every page loads the root not-found boundary's client code, so
 * a Link here put Link's 4.7 kB on the signed-out pages too (decision 041).
 */
/* eslint-disable @next/next/no-html-link-for-pages -- full page loads on purpose, see above */
export default function NotFound() {
  return (
    <>
      <HeaderFrame>
        <a href="/" className={brandLinkClasses}>
          <BrandMark />
        </a>
        <div className="flex-1" />
        <ThemeToggle />
      </HeaderFrame>
      <FallbackMessage
        testId="not-found"
        eyebrow="404"
        title="Page not found"
        description="The page you asked for does not exist or has moved. Check the address, or start again from the home page."
        actions={
          <>
            <a href="/" className={buttonClasses()}>
              Go to the home page
            </a>
            <a href="/status" className={buttonClasses("outline")}>
              Check system status
            </a>
          </>
        }
      />
    </>
  );
}
