"use client";
import { lazy, Suspense } from "react";
import type { FormDialogProps } from "./form-dialog-content";
import { usePreloadWhenIdle } from "./preload-when-idle";
import { useOpenedOnce } from "./use-opened-once";

const load = () => import("./form-dialog-content");
const FormDialogContent = lazy(load);

/**
 * A modal for a short form: focus moves in, Escape and the close button dismiss it. Its code
 * (Radix) is not part of the page's first load: it is fetched when the browser is idle
 * after hydration (so it opens offline too) and mounted the first time it opens (decision 041).
 */
export function FormDialog(props: FormDialogProps) {
  usePreloadWhenIdle(load);
  return useOpenedOnce(props.open) ? (
    <Suspense fallback={null}>
      <FormDialogContent {...props} />
    </Suspense>
  ) : null;
}
