"use client";
import { lazy } from "react";
import { buttonClasses } from "@/components/ui/button-classes";
import { MenuIcon } from "@/components/ui/icons";
import { LazyPopup } from "@/components/ui/lazy-popup";

export type HeaderLink = { href: string; label: string; exact?: boolean };

const load = () => import("./header-menu-popup");
const HeaderMenuPopup = lazy(load);

/**
 * The phone header's one menu (below 640 px, where the app links, account menu and theme
 * toggle don't fit in a row): the same links as the wide header, the account pages, the theme
 * and sign out. Wider screens hide it and show those controls in the header itself. Its code
 * loads on first use (decision 041).
 */
export function HeaderMenu({ links, email }: { links: readonly HeaderLink[]; email: string }) {
  return (
    <LazyPopup
      popup={HeaderMenuPopup}
      preload={load}
      props={{ links, email }}
      trigger={{ className: buttonClasses("ghost", "icon", "sm:hidden"), "aria-label": "Menu", "data-testid": "header-menu", children: <MenuIcon /> }}
    />
  );
}
