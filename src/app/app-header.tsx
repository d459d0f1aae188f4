import { BrandLink } from "@/components/ui/brand-link";
import { HeaderFrame } from "@/components/ui/header-frame";
import { NavLink } from "@/components/ui/nav-link";
import { ThemeToggle } from "@/components/ui/theme-toggle";
import { AccountMenu } from "@/features/auth/ui/account-menu";
import { OPERATOR_BOARD_PATH } from "@/features/feedback/schemas";
import { LiveIndicator } from "@/features/realtime/ui/live-indicator";
import { WorkspaceSwitcher } from "@/features/workspaces/ui/workspace-switcher";
import { TrpcProvider } from "@/trpc/client";
import { getViewer } from "@/trpc/server";
import { NotificationBellSlot } from "./notification-bell-slot";
import { HeaderMenu, type HeaderLink } from "./header-menu";
import { SignedOutHeader } from "./signed-out-header";

type Viewer = NonNullable<Awaited<ReturnType<typeof getViewer>>>;

/** The app's top-level links; staff get their consoles. The wide header and the phone menu list the same ones. */
export function appLinks(viewer: Pick<Viewer, "staffRole">): HeaderLink[] {
  return [
    { href: "/app", label: "Overview", exact: true },
    { href: "/account", label: "Account" },
    { href: OPERATOR_BOARD_PATH, label: "Feedback" },
    { href: "/support", label: "Help" },
    ...(viewer.staffRole
      ? [
          { href: "/staff/jobs", label: "Jobs" },
          { href: "/staff/billing", label: "Billing" },
          { href: "/admin/flags", label: "Flags" },
        ]
      : []),
  ];
}

type AppHeaderProps = {
  /** Where "Sign in" leads for a signed-out visitor (a board sends them back to the board). */
  signInHref?: string;
  /** Show the live dot to signed-out visitors too (pages whose own channels are live, e.g. a public board). */
  liveWhenSignedOut?: boolean;
};

/**
 * The one header of every page that knows who is looking: signed-in pages, boards and posts,
 * invites, the status page and the account-email pages. Signed in, it carries the workspace
 * switcher, app links, live dot, bell and account menu wherever the user is; signed out, a
 * sign-in link. Below 640 px the links, account menu and theme move into one menu, so nothing
 * runs off a phone screen. It brings its own tRPC provider for pages that have none (the
 * browser's query client is one per tab, so nesting shares the cache).
 */
export async function AppHeader({ signInHref = "/sign-in", liveWhenSignedOut = false }: AppHeaderProps) {
  const viewer = await getViewer();
  if (!viewer) {
    return <SignedOutHeader signInHref={signInHref}>{liveWhenSignedOut ? <LiveIndicator userId={null} /> : null}</SignedOutHeader>;
  }
  const links = appLinks(viewer);
  return (
    <TrpcProvider>
      <HeaderFrame>
        <BrandLink href="/app" compact />
        <div className="flex min-w-0 flex-1 items-center gap-2">
          <WorkspaceSwitcher />
          <nav aria-label="App" className="-mx-1 hidden min-w-0 items-center gap-1 overflow-x-auto px-1 py-1 sm:ml-2 sm:flex">
            {links.map((link) => (
              <NavLink key={link.href} href={link.href} exact={link.exact}>
                {link.label}
              </NavLink>
            ))}
          </nav>
        </div>
        <div className="flex shrink-0 items-center gap-1 sm:gap-2">
          <LiveIndicator userId={viewer.userId} />
          <NotificationBellSlot userId={viewer.userId} />
          <div className="hidden sm:block">
            <AccountMenu displayName={viewer.displayName} email={viewer.email} />
          </div>
          <div className="hidden sm:block">
            <ThemeToggle />
          </div>
          <HeaderMenu links={links} email={viewer.email} />
        </div>
      </HeaderFrame>
    </TrpcProvider>
  );
}
