"use client";
import { lazy } from "react";
import { buttonClasses } from "@/components/ui/button-classes";
import { LazyPopup } from "@/components/ui/lazy-popup";

const load = () => import("./account-menu-popup");
const AccountMenuPopup = lazy(load);

/**
 * The account dropdown of the header at tablet width and up; phones get the same links in the
 * header menu. Its code loads on first use (decision 041).
 */
export function AccountMenu({ displayName, email }: { displayName: string; email: string }) {
  return (
    <LazyPopup
      popup={AccountMenuPopup}
      preload={load}
      props={{ email }}
      trigger={{
        className: buttonClasses("ghost", "sm", "max-w-48"),
        "data-testid": "account-menu",
        children: (
          <>
            <span className="truncate">{displayName}</span>
            <span aria-hidden="true">▾</span>
          </>
        ),
      }}
    />
  );
}
