"use client";
import { lazy, Suspense, type ComponentProps } from "react";

const VerifyEmailBanner = lazy(() => import("./verify-email-banner").then((m) => ({ default: m.VerifyEmailBanner })));

/**
 * The verification banner as its own chunk, fetched only by pages that render it (unverified
 * users): the signed-in layout imports this, and a layout's client JS is every client component
 * its graph reaches, rendered or not (decision 041).
 */
export function VerifyEmailBannerLazy(props: ComponentProps<typeof VerifyEmailBanner>) {
  return (
    <Suspense fallback={null}>
      <VerifyEmailBanner {...props} />
    </Suspense>
  );
}
