import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { buildInfo } from "@/lib/build-info";
import { ConnectionBanner } from "@/components/ui/connection-banner";
import { SiteFooter } from "@/components/ui/site-footer";
import { SkipLink } from "@/components/ui/skip-link";
import { ThemeScript } from "@/components/ui/theme-script";
import { ThemeSync } from "@/components/ui/theme-sync";
import { Toaster } from "@/components/ui/toaster";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Groundwork", template: "%s · Groundwork" },
  description: "The SaaS foundation that already works: accounts, billing, API keys, feedback, realtime and jobs.",
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
// client leaves below. Signed-in providers belong in the (app) layouts.
export default function RootLayout({ children }: Readonly<{ children: ReactNode }>) {
  return (
    // The head script sets the theme class before React hydrates, hence suppressHydrationWarning.
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="flex min-h-dvh flex-col">
        <SkipLink />
        <ThemeSync />
        <ConnectionBanner />
        <div className="flex flex-1 flex-col">{children}</div>
        <SiteFooter />
        <Toaster />
      </body>
    </html>
  );
}
