"use client";

import { lazy, Suspense } from "react";
import { ThemeSync } from "@/components/ui/theme-controls";
import "./globals.css";

type GlobalErrorProps = { error: unknown; retry: () => void };

/**
 * Shown while the error screen's chunk loads, and instead of it when that chunk can't be
 * fetched: global-error is the last resort (a failed chunk load inside error.tsx ends here), so
 * this part needs nothing but React.
 */
function PlainErrorScreen({ retry }: GlobalErrorProps) {
  return (
    <main id="main" className="mx-auto flex w-full max-w-xl flex-1 flex-col justify-center px-4 py-20 sm:px-6">
      <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Something went wrong</h1>
      <div className="mt-8">
        <button type="button" onClick={retry} className="h-10 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90">
          Try again
        </button>
      </div>
    </main>
  );
}

// The screen error.tsx shows (header, copy, the error id, a home link), from the same
// on-demand chunk: this file loads with every page (decision 041).
const ErrorScreen = lazy(() =>
  import("@/components/ui/error-screen").then(
    (m) => ({ default: m.ErrorScreen }),
    () => ({ default: PlainErrorScreen }),
  ),
);

// Replaces the root layout when that fails, so it brings its own document, styles and theme.
// The theme comes from ThemeSync: Next renders this in the browser (after its own error shell
// when the root layout fails on the server), where a <head> script React creates never runs.
export default function GlobalError({ error, retry }: GlobalErrorProps) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <title>Something went wrong · Groundwork</title>
      </head>
      <body className="flex min-h-dvh flex-col">
        <ThemeSync />
        <Suspense fallback={<PlainErrorScreen error={error} retry={retry} />}>
          <ErrorScreen error={error} retry={retry} />
        </Suspense>
      </body>
    </html>
  );
}
