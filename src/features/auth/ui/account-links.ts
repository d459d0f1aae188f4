/**
 * The account pages, in the order the account menu, the phone menu and the account
 * sub-navigation list them. Add a page here and it appears in all three.
 */
export const ACCOUNT_LINKS: ReadonlyArray<{ href: string; label: string }> = [
  { href: "/account", label: "Account" },
  { href: "/account/security", label: "Security" },
  { href: "/account/sessions", label: "Sessions" },
  { href: "/account/security-log", label: "Security log" },
  { href: "/account/notifications", label: "Notifications" },
  { href: "/account/export", label: "Export my data" },
];
