"use client";
import { lazy, Suspense, type ComponentType } from "react";
import { usePreloadWhenIdle } from "./preload-when-idle";
import { useOpenedOnce } from "./use-opened-once";

/**
 * A dialog whose whole body — its form, state and mutations, not only Radix — loads on demand
 * (decision 041). Call at module level with the import of a module whose default export is the
 * dialog; the component it returns fetches that chunk when the browser is idle after hydration
 * (so it opens offline too) and mounts the dialog the first time `open` is true, then keeps it
 * mounted so it closes, and keeps its state, like one loaded with the page. If the chunk can't
 * load, only opening the dialog fails.
 */
export function lazyDialog<P extends { open: boolean }>(load: () => Promise<{ default: ComponentType<P> }>) {
  const Dialog = lazy(load);
  return function LazyDialog(props: P) {
    usePreloadWhenIdle(load);
    return useOpenedOnce(props.open) ? (
      <Suspense fallback={null}>
        <Dialog {...props} />
      </Suspense>
    ) : null;
  };
}
