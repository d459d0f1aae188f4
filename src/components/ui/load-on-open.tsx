"use client";
import { lazy, Suspense, type ComponentType } from "react";
import { usePreloadWhenIdle } from "./preload-when-idle";
import { useOpenedOnce } from "./use-opened-once";

/**
 * Something a user opens — a dialog with its form, state and mutations, not only Radix; the
 * inside of a collapsed panel — whose code loads on demand (decision 041). Call at module level
 * with the import of a module whose default export renders it; the component returned fetches
 * that chunk when the browser is idle after hydration (so it opens offline too) and mounts it
 * the first time `open` is true, then keeps it mounted so it closes, and keeps its state, like
 * code loaded with the page. If the chunk can't load, only opening it fails.
 */
export function loadOnOpen<P extends { open: boolean }>(load: () => Promise<{ default: ComponentType<P> }>) {
  const Opened = lazy(load);
  return function LoadOnOpen(props: P) {
    usePreloadWhenIdle(load);
    return useOpenedOnce(props.open) ? (
      <Suspense fallback={null}>
        <Opened {...props} />
      </Suspense>
    ) : null;
  };
}
