"use client";

import { buttonClasses } from "./button-classes";
import { MonitorIcon, MoonIcon, SunIcon } from "./icons";
import { THEME_PREFERENCES, type ThemePreference } from "./theme";
import { setThemePreference, useThemePreference } from "./theme-store";

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
 * Cycles system → light → dark. The icon follows <html data-theme> through CSS, so it is right
 * from the first paint; the label catches up when React hydrates.
 */
export function ThemeToggle() {
  const current = useThemePreference();
  const next = nextPreference(current);
  const label = `${LABELS[current]}. Switch to ${LABELS[next].toLowerCase()}`;
  return (
    <button
      type="button"
      onClick={() => setThemePreference(next)}
      aria-label={label}
      title={label}
      className={buttonClasses("ghost", "icon", "text-muted-foreground hover:text-foreground")}
    >
      <SunIcon className="hidden theme-light:block" />
      <MoonIcon className="hidden theme-dark:block" />
      <MonitorIcon className="theme-light:hidden theme-dark:hidden" />
    </button>
  );
}
