import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { buildInfo } from "@/lib/build-info";
import { env } from "@/server/env";
import { SiteFooter } from "@/components/ui/site-footer";
import { currentPreview } from "@/features/previews/server/current-preview";
import { PreviewBanner } from "@/features/previews/ui/preview-banner";
import { SkipLink } from "@/components/ui/skip-link";
import { ImpersonationBannerSlot } from "./impersonation-banner-slot";
import { ThemeScript } from "@/components/ui/theme-script";
import { ThemeSync } from "@/components/ui/theme-controls";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Groundwork", template: "%s · Groundwork" },
  description: "The SaaS foundation that already works: accounts, billing, API keys, feedback, realtime and jobs.",
  // Absolute URLs for the social card; public/ files come from scripts/generate-public-assets.ts.
  metadataBase: new URL(env.APP_URL),
  manifest: "/site.webmanifest",
  openGraph: {
    type: "website",
    siteName: "Groundwork",
    images: [{ url: "/og.png", width: 1200, height: 630, alt: "Groundwork — the SaaS foundation that already works" }],
  },
  twitter: { card: "summary_large_image", images: ["/og.png"] },
  // Lets support and smoke tests tell which build a page came from without opening it.
  other: {
    "groundwork-version": buildInfo.version,
    "groundwork-commit": buildInfo.commit,
  },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1020" },
  ],
};

// Stays a server component with no data-fetching providers: public pages ship only the small
// client leaves below (budget: 120 kB gzipped first-load JS). The toaster, connection banner
// and tRPC client belong to the layouts of pages that mutate data.
export default async function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  // Reading the per-request CSP nonce makes every page render per request (see src/proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const preview = currentPreview();
  return (
    // The head script sets the theme class before React hydrates, hence suppressHydrationWarning.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="flex min-h-dvh flex-col">
        <SkipLink />
        {preview ? <PreviewBanner preview={preview} /> : null}
        <ImpersonationBannerSlot />
        <ThemeSync />
        <div className="flex flex-1 flex-col">{children}</div>
        <SiteFooter />
      </body>
    </html>
  );
}
