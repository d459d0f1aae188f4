"use client";
import type { FormDialogProps } from "./form-dialog-content";
import { loadOnOpen } from "./load-on-open";

/**
 * A modal for a short form: focus moves in, Escape and the close button dismiss it. Its code
 * (Radix) is not part of the page's first load: it is fetched when the browser is idle
 * after hydration (so it opens offline too) and mounted the first time it opens (decision 041).
 */
export const FormDialog = loadOnOpen<FormDialogProps>(() => import("./form-dialog-content"));
