"use client";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import type { PopupProps } from "@/components/ui/lazy-popup";
import { ACCOUNT_LINKS } from "./account-links";
import { useSignOut } from "./use-sign-out";

export const menuItemClasses =
  "flex cursor-default items-center rounded-sm px-2 py-1.5 text-sm outline-none select-none data-highlighted:bg-muted data-highlighted:text-foreground data-disabled:opacity-50";

/** The account dropdown itself (loaded on first use, see account-menu.tsx). */
export default function AccountMenuPopup({ email, trigger, defaultOpen }: PopupProps<{ email: string }>) {
  const { signingOut, signOut } = useSignOut();

  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger {...trigger} />
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-52 rounded-md border border-border bg-card p-1 text-foreground shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-muted-foreground">
            Signed in as <span className="block truncate font-medium text-foreground">{email}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          {ACCOUNT_LINKS.map((link) => (
            <DropdownMenu.Item key={link.href} asChild className={menuItemClasses}>
              <Link href={link.href}>{link.label}</Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item
            className={menuItemClasses}
            disabled={signingOut}
            onSelect={(event) => {
              event.preventDefault();
              void signOut();
            }}
          >
            {signingOut ? "Signing out…" : "Sign out"}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
