"use client";
import { DropdownMenu } from "radix-ui";
import { useSignOut } from "./use-sign-out";

export const menuItemClasses =
  "flex cursor-default items-center rounded-sm px-2 py-1.5 text-sm outline-none select-none data-highlighted:bg-muted data-highlighted:text-foreground data-disabled:opacity-50";

/** The top of both account menus (wide and phone): who is signed in. */
export function SignedInAsLabel({ email }: { email: string }) {
  return (
    <DropdownMenu.Label className="px-2 py-1.5 text-xs text-muted-foreground">
      Signed in as <span className="block truncate font-medium text-foreground">{email}</span>
    </DropdownMenu.Label>
  );
}

/** The last item of both account menus. The menu stays open while signing out, so "Signing out…" is seen. */
export function SignOutMenuItem() {
  const { signingOut, signOut } = useSignOut();
  return (
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
  );
}
