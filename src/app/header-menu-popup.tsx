"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import type { PopupProps } from "@/components/ui/lazy-popup";
import { THEME_PREFERENCES, type ThemePreference } from "@/components/ui/theme";
import { setThemePreference, useThemePreference } from "@/components/ui/theme-store";
import { ACCOUNT_LINKS } from "@/features/auth/ui/account-links";
import { menuItemClasses, SignedInAsLabel, SignOutMenuItem } from "@/features/auth/ui/account-menu-items";
import { isActivePath } from "@/lib/nav";
import type { HeaderLink } from "./header-menu";

const THEME_LABELS: Record<ThemePreference, string> = { system: "System", light: "Light", dark: "Dark" };
const groupLabel = "px-2 pt-2 pb-1 text-xs font-medium text-muted-foreground";

/** The phone header's menu itself (loaded on first use, see header-menu.tsx). */
export default function HeaderMenuPopup({ links, email, trigger, defaultOpen }: PopupProps<{ links: readonly HeaderLink[]; email: string }>) {
  const pathname = usePathname() ?? "";
  const theme = useThemePreference();
  const item = (link: HeaderLink) => {
    const active = isActivePath(pathname, link.href, link.exact);
    return (
      <DropdownMenu.Item key={link.href} asChild className={menuItemClasses}>
        <Link href={link.href} aria-current={active ? "page" : undefined} className={active ? "font-semibold" : undefined}>
          {link.label}
        </Link>
      </DropdownMenu.Item>
    );
  };
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger {...trigger} />
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          collisionPadding={8}
          className="z-50 max-h-[var(--radix-dropdown-menu-content-available-height)] w-64 max-w-[calc(100vw-1rem)] overflow-y-auto rounded-md border border-border bg-card p-1 text-foreground shadow-lg"
        >
          <SignedInAsLabel email={email} />
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Group>{links.map(item)}</DropdownMenu.Group>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Group>
            <DropdownMenu.Label className={groupLabel}>Your account</DropdownMenu.Label>
            {ACCOUNT_LINKS.map((link) => item({ ...link, exact: true }))}
          </DropdownMenu.Group>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Label className={groupLabel}>Theme</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={theme} onValueChange={(value) => setThemePreference(value as ThemePreference)}>
            {THEME_PREFERENCES.map((preference) => (
              <DropdownMenu.RadioItem key={preference} value={preference} className={`${menuItemClasses} justify-between`}>
                {THEME_LABELS[preference]}
                <DropdownMenu.ItemIndicator aria-hidden="true">✓</DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <SignOutMenuItem />
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
