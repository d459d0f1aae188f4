"use client";

import { useLayoutEffect, type ReactNode } from "react";
import { THEME_PREFERENCES, THEME_STORAGE_KEY, type ThemePreference } from "./theme";
import { refreshTheme, setThemePreference, useThemePreference } from "./theme-store";

// The theme's two client components share a module on purpose: the root layout renders
// ThemeSync, so the toggle's code rides in the chunk every page already loads instead of
// a file of its own (decision 041).

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

const LABELS: Record<ThemePreference, string> = {
  system: "System theme",
  light: "Light theme",
  dark: "Dark theme",
};

function nextPreference(current: ThemePreference): ThemePreference {
  const index = THEME_PREFERENCES.indexOf(current);
  return THEME_PREFERENCES[(index + 1) % THEME_PREFERENCES.length] ?? "system";
}

/**
 * The theme toggle's client half: the label and the click. Its classes and icons come from the
 * server (theme-toggle.tsx), so the icon set and the button variants stay off the first load.
 */
export function ThemeToggleButton({ className, children }: { className: string; children: ReactNode }) {
  const current = useThemePreference();
  const next = nextPreference(current);
  const label = `${LABELS[current]}. Switch to ${LABELS[next].toLowerCase()}`;
  return (
    <button type="button" onClick={() => setThemePreference(next)} aria-label={label} title={label} className={className}>
      {children}
    </button>
  );
}
