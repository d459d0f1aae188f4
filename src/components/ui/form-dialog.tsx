"use client";
import { lazy, Suspense } from "react";
import type { FormDialogProps } from "./form-dialog-content";
import { useOpenedOnce } from "./use-opened-once";

const FormDialogContent = lazy(() => import("./form-dialog-content"));

/**
 * A modal for a short form: focus moves in, Escape and the close button dismiss it. Its code
 * (Radix) loads the first time it opens, not with the page (decision 041).
 */
export function FormDialog(props: FormDialogProps) {
  return useOpenedOnce(props.open) ? (
    <Suspense fallback={null}>
      <FormDialogContent {...props} />
    </Suspense>
  ) : null;
}
