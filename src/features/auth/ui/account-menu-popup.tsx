"use client";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import type { PopupProps } from "@/components/ui/lazy-popup";
import { ACCOUNT_LINKS } from "./account-links";
import { menuItemClasses, SignedInAsLabel, SignOutMenuItem } from "./account-menu-items";

/** The account dropdown itself (loaded on first use, see account-menu.tsx). */
export default function AccountMenuPopup({ email, trigger, defaultOpen }: PopupProps<{ email: string }>) {
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger {...trigger} />
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-52 rounded-md border border-border bg-card p-1 text-foreground shadow-lg">
          <SignedInAsLabel email={email} />
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          {ACCOUNT_LINKS.map((link) => (
            <DropdownMenu.Item key={link.href} asChild className={menuItemClasses}>
              <Link href={link.href}>{link.label}</Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <SignOutMenuItem />
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
