export type ThemePreference = "light" | "dark" | "system";

export const THEME_STORAGE_KEY = "theme";

export const THEME_PREFERENCES: readonly ThemePreference[] = ["system", "light", "dark"];

/**
 * Puts `dark` and `data-theme` on <html> for the given preference, or the stored one. It is
 * inlined into <head> through `toString()` to run before first paint, so it must stay
 * self-contained: no imports, no closures, only browser globals.
 */
export function applyTheme(storageKey: string, chosen?: ThemePreference): void {
  let preference: string | null = chosen ?? null;
  if (!preference) {
    try {
      preference = window.localStorage.getItem(storageKey);
    } catch {
      // Storage can be blocked (privacy mode, sandboxed iframes); fall back to the OS setting.
    }
  }
  if (preference !== "light" && preference !== "dark") preference = "system";
  const dark =
    preference === "dark" ||
    (preference === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  const root = document.documentElement;
  root.classList.toggle("dark", dark);
  root.dataset.theme = preference;
}

export const themeScript = `(${applyTheme.toString()})(${JSON.stringify(THEME_STORAGE_KEY)})`;
