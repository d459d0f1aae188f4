"use client";
import dynamic from "next/dynamic";

/**
 * The banner as its own chunk, fetched only by pages that render it. The root layout imports
 * this, and a layout's client JS is every client component its graph reaches, rendered or not
 * (decision 041): imported directly, the banner's dialog, form and tRPC client were on every
 * page for the few staff who impersonate.
 */
export const ImpersonationBannerLazy = dynamic(() => import("./impersonation-banner").then((m) => m.ImpersonationBanner));
