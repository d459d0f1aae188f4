"use client";
import { lazy, Suspense, type ComponentProps } from "react";

const ImpersonationBanner = lazy(() => import("./impersonation-banner").then((m) => ({ default: m.ImpersonationBanner })));

/**
 * The banner as its own chunk, fetched only by pages that render it. The root layout imports
 * this, and a layout's client JS is every client component its graph reaches, rendered or not
 * (decision 041): imported directly, the banner's dialog, form and tRPC client were on every
 * page for the few staff who impersonate. React's lazy rather than next/dynamic, whose loader
 * added 1.4 kB to every page.
 */
export function ImpersonationBannerLazy(props: ComponentProps<typeof ImpersonationBanner>) {
  return (
    <Suspense fallback={null}>
      <ImpersonationBanner {...props} />
    </Suspense>
  );
}
