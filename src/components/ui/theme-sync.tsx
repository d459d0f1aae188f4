"use client";

import { useLayoutEffect } from "react";
import { THEME_STORAGE_KEY } from "./theme";
import { refreshTheme } from "./theme-store";

/**
 * Keeps <html> in step with the stored theme after the head script has run: React's dev-mode
 * remount and a client-rendered global-error both reset <html> attributes, the OS can switch
 * scheme while "system" is chosen, and another tab can change the preference.
 */
export function ThemeSync() {
  useLayoutEffect(() => {
    refreshTheme();
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onStorage = (event: StorageEvent) => {
      if (event.key === THEME_STORAGE_KEY) refreshTheme();
    };
    media.addEventListener("change", refreshTheme);
    window.addEventListener("storage", onStorage);
    return () => {
      media.removeEventListener("change", refreshTheme);
      window.removeEventListener("storage", onStorage);
    };
  }, []);
  return null;
}
