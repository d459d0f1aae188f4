"use client";
import ToastList from "./toast-list";

/**
 * Mounted once by each layout whose pages toast; `toast()` from the toast store feeds it. The
 * toasts' code loads with the page, not with the first toast: the first toast is often the one
 * saying the network is gone, and then its code could not be fetched (decision 041).
 */
export function Toaster() {
  return <ToastList />;
}
