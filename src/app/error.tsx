"use client";

import { lazy, Suspense } from "react";

// Its own chunk, fetched when a page fails: error.tsx loads with every page (decision 041), and
// the screen (header, brand mark, buttons) was 1.2 kB of it. Until the chunk arrives the reader
// sees the heading; if it can't arrive (offline), the failed import reaches global-error, whose
// plain fallback says the same and offers "Try again".
const ErrorScreen = lazy(() => import("@/components/ui/error-screen").then((m) => ({ default: m.ErrorScreen })));

// No console logging here: server errors are already logged with this digest, and the id
// on screen is what support needs to find them.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Suspense
      fallback={
        <main id="main" className="mx-auto flex w-full max-w-xl flex-1 flex-col justify-center px-4 py-20 sm:px-6">
          <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Something went wrong</h1>
        </main>
      }
    >
      <ErrorScreen error={error} retry={retry} />
    </Suspense>
  );
}
