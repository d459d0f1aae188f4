"use client";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * false in the server's HTML and during hydration, true once React has attached the handlers:
 * a control disabled until then can't swallow a click that would do nothing.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, () => true, () => false);
}
