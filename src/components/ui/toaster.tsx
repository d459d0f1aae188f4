"use client";
import { lazy, Suspense } from "react";
import { useToasts } from "./toast-store";
import { useOpenedOnce } from "./use-opened-once";

const ToastList = lazy(() => import("./toast-list"));

/**
 * Mounted once by each layout whose pages toast; `toast()` from the toast store feeds it. The
 * toasts' code (Radix) loads with the first toast instead of with the page (decision 041), and
 * stays mounted after it.
 */
export function Toaster() {
  const needed = useOpenedOnce(useToasts((state) => state.toasts.length > 0));
  return needed ? (
    <Suspense fallback={null}>
      <ToastList />
    </Suspense>
  ) : null;
}
