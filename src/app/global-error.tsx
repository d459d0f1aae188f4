"use client";

import { ThemeScript } from "@/components/ui/theme-script";
import { ThemeSync } from "@/components/ui/theme-controls";
import "./globals.css";

/** Server errors reach the client with only a digest, the id that matches the server log. */
function errorDigest(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("digest" in error)) return undefined;
  return typeof error.digest === "string" ? error.digest : undefined;
}

// Replaces the root layout when that fails, so it brings its own document, styles and theme.
// Its code loads with every page, so it is plain markup rather than ErrorScreen, whose copy
// error.tsx already carries (decision 041); it reads the same. The home link is a full page
// load, which also clears whatever client state broke.
/* eslint-disable @next/next/no-html-link-for-pages -- a full page load on purpose, see above */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = errorDigest(error);
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <title>Something went wrong · Groundwork</title>
        <ThemeScript />
      </head>
      <body className="flex min-h-dvh flex-col">
        <ThemeSync />
        <main id="main" className="mx-auto flex w-full max-w-xl flex-1 flex-col justify-center px-4 py-20 sm:px-6">
          <p className="font-mono text-sm font-medium text-primary">Error</p>
          <h1 className="mt-2 text-3xl font-semibold tracking-tight sm:text-4xl">Something went wrong</h1>
          <p className="mt-4 text-base text-muted-foreground">We could not show this page. It may be a passing problem, so trying again often works.</p>
          {digest && (
            <p className="mt-6 text-sm text-muted-foreground">
              If it keeps happening, contact support and quote error id{" "}
              <code data-testid="error-id" className="rounded bg-muted px-1.5 py-0.5 font-mono text-foreground">
                {digest}
              </code>
              .
            </p>
          )}
          <div className="mt-8 flex flex-wrap gap-3">
            <button type="button" onClick={retry} className="h-10 rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground hover:bg-primary/90">
              Try again
            </button>
            <a href="/" className="inline-flex h-10 items-center rounded-md border border-border px-4 text-sm font-medium hover:bg-muted">
              Go to the home page
            </a>
          </div>
        </main>
      </body>
    </html>
  );
}
