"use client";
import { useQuery } from "@tanstack/react-query";
import { lazy } from "react";
import { usePathname } from "next/navigation";
import { buttonClasses } from "@/components/ui/button-classes";
import { LazyPopup } from "@/components/ui/lazy-popup";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/trpc/client";

/** The workspace in the address bar (`/w/<slug>/…`), if any. */
export function currentWorkspaceSlug(pathname: string | null): string | null {
  return pathname?.match(/^\/w\/([^/]+)/)?.[1] ?? null;
}

const load = () => import("./workspace-switcher-popup");
const WorkspaceSwitcherPopup = lazy(load);

/** The header's workspace button; the list's code loads on first use (decision 041). */
export function WorkspaceSwitcher() {
  const trpc = useTRPC();
  const pathname = usePathname();
  const { data, isPending, isError } = useQuery(trpc.workspaces.mine.queryOptions());
  const slug = currentWorkspaceSlug(pathname);
  const current = data?.find((w) => w.slug === slug);

  if (isPending) {
    return <Skeleton className="h-8 w-28 shrink-0 sm:w-36" />;
  }
  // Outside a workspace (account pages, a board) the button says where the list leads, not
  // "Choose a workspace" as if the user had none.
  const label = current?.name ?? (isError || data?.length ? "Workspaces" : "Create a workspace");
  return (
    <LazyPopup
      popup={WorkspaceSwitcherPopup}
      preload={load}
      props={{ slug }}
      trigger={{
        className: buttonClasses("outline", "sm", "min-w-0 max-w-40 shrink justify-between sm:max-w-52"),
        "data-testid": "workspace-switcher",
        children: (
          <>
            <span className="truncate">{label}</span>
            <span aria-hidden="true" className="text-muted-foreground">
              ▾
            </span>
          </>
        ),
      }}
    />
  );
}
