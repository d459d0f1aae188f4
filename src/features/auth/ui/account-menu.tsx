"use client";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";
import { useState } from "react";
import { buttonClasses } from "@/components/ui/button-classes";
import { toast } from "@/components/ui/toast-store";
import { describeClientError } from "@/trpc/errors";
import { trpcClient } from "@/trpc/vanilla";

const LINKS = [
  { href: "/account", label: "Account" },
  { href: "/account/security", label: "Security" },
  { href: "/account/sessions", label: "Sessions" },
  { href: "/account/security-log", label: "Security log" },
  { href: "/account/notifications", label: "Notifications" },
];

const itemClasses =
  "flex cursor-default items-center rounded-sm px-2 py-1.5 text-sm outline-none select-none data-highlighted:bg-muted data-highlighted:text-foreground data-disabled:opacity-50";

export function AccountMenu({ displayName, email }: { displayName: string; email: string }) {
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      await trpcClient.auth.signOut.mutate();
      // A full load, not router.push: every cached query of the signed-in user is dropped with the page.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/sign-in");
    } catch (error) {
      setSigningOut(false);
      toast({ title: "Couldn't sign out", description: describeClientError(error).message, variant: "error" });
    }
  }

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={buttonClasses("ghost", "sm", "ml-auto max-w-48")} data-testid="account-menu">
        <span className="truncate">{displayName}</span>
        <span aria-hidden="true">▾</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-52 rounded-md border border-border bg-card p-1 text-foreground shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-muted-foreground">
            Signed in as <span className="block truncate font-medium text-foreground">{email}</span>
          </DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          {LINKS.map((link) => (
            <DropdownMenu.Item key={link.href} asChild className={itemClasses}>
              <Link href={link.href}>{link.label}</Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item
            className={itemClasses}
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
