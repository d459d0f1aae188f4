"use client";
import type { ConfirmDialogProps } from "./confirm-dialog-content";
import { loadOnOpen } from "./load-on-open";

/**
 * A destructive confirmation: focus starts on Cancel, Escape and the overlay cancel. Its code
 * (Radix) is not part of the page's first load: it is fetched when the browser is idle
 * after hydration (so it opens offline too) and mounted the first time it opens (decision 041).
 */
export const ConfirmDialog = loadOnOpen<ConfirmDialogProps>(() => import("./confirm-dialog-content"));
