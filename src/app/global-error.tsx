"use client";

import { ErrorScreen } from "@/components/ui/error-screen";
import { SiteFooter } from "@/components/ui/site-footer";
import { ThemeScript } from "@/components/ui/theme-script";
import { ThemeSync } from "@/components/ui/theme-sync";
import "./globals.css";

// Replaces the root layout when that fails, so it brings its own document, styles and theme.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <title>Something went wrong · Groundwork</title>
        <ThemeScript />
      </head>
      <body className="flex min-h-dvh flex-col">
        <ThemeSync />
        <ErrorScreen error={error} retry={retry} />
        <SiteFooter />
      </body>
    </html>
  );
}
