import { useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY, applyTheme, type ThemePreference } from "./theme";

// <html data-theme> is what the page shows; this only tells subscribers it changed.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function readPreference(): ThemePreference {
  const value = document.documentElement.dataset.theme;
  return value === "light" || value === "dark" ? value : "system";
}

function notify(): void {
  listeners.forEach((listener) => listener());
}

/** Re-applies the stored preference, e.g. after another tab or the OS changed it. */
export function refreshTheme(): void {
  applyTheme(THEME_STORAGE_KEY);
  notify();
}

export function setThemePreference(preference: ThemePreference): void {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Without storage the choice still applies, for this page only.
  }
  applyTheme(THEME_STORAGE_KEY, preference);
  notify();
}

/** The server cannot know the stored preference, so it renders "system" and hydration corrects it. */
export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(subscribe, readPreference, () => "system");
}
