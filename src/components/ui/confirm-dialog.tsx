"use client";
import { lazy, Suspense } from "react";
import type { ConfirmDialogProps } from "./confirm-dialog-content";
import { useOpenedOnce } from "./use-opened-once";

const ConfirmDialogContent = lazy(() => import("./confirm-dialog-content"));

/**
 * A destructive confirmation: focus starts on Cancel, Escape and the overlay cancel. Its code
 * (Radix) loads the first time it opens, not with the page (decision 041).
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return useOpenedOnce(props.open) ? (
    <Suspense fallback={null}>
      <ConfirmDialogContent {...props} />
    </Suspense>
  ) : null;
}
