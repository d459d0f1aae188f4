import { buttonClasses } from "./button-classes";
import { MonitorIcon, MoonIcon, SunIcon } from "./icons";
import { ThemeToggleButton } from "./theme-controls";

/**
 * Cycles system → light → dark. The icon follows <html data-theme> through CSS, so it is right
 * from the first paint; the label catches up when React hydrates. A server component: the
 * icons are rendered here and handed to the client button as markup.
 */
export function ThemeToggle() {
  return (
    <ThemeToggleButton className={buttonClasses("ghost", "icon", "text-muted-foreground hover:text-foreground")}>
      <SunIcon className="hidden theme-light:block" />
      <MoonIcon className="hidden theme-dark:block" />
      <MonitorIcon className="theme-light:hidden theme-dark:hidden" />
    </ThemeToggleButton>
  );
}
