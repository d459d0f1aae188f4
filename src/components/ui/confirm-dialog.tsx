"use client";
import { lazy, Suspense } from "react";
import type { ConfirmDialogProps } from "./confirm-dialog-content";
import { usePreloadWhenIdle } from "./preload-when-idle";
import { useOpenedOnce } from "./use-opened-once";

const load = () => import("./confirm-dialog-content");
const ConfirmDialogContent = lazy(load);

/**
 * A destructive confirmation: focus starts on Cancel, Escape and the overlay cancel. Its code
 * (Radix) is not part of the page's first load: it is fetched when the browser is idle
 * after hydration (so it opens offline too) and mounted the first time it opens (decision 041).
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  usePreloadWhenIdle(load);
  return useOpenedOnce(props.open) ? (
    <Suspense fallback={null}>
      <ConfirmDialogContent {...props} />
    </Suspense>
  ) : null;
}
