"use client";
import { lazy, type ComponentType } from "react";

/**
 * A view below the fold whose code is fetched when it renders, not with the page (decision 041).
 * The server still renders it, so it shows with the page; render it inside a Suspense whose
 * fallback is its skeleton. If its code can't load, a line saying so takes its place and the
 * rest of the page works. Call at module level: `lazyView("The audit log", () => import(…).then((m) => m.AuditLog))`.
 */
export function lazyView<P extends object>(what: string, load: () => Promise<ComponentType<P>>) {
  function Unavailable() {
    return <p className="rounded-xl border border-border p-4 text-sm text-destructive">{what} couldn&apos;t load. Reload the page to try again.</p>;
  }
  return lazy(() => load().then((View) => ({ default: View }), () => ({ default: Unavailable as ComponentType<P> })));
}
