"use client";
import { useQuery } from "@tanstack/react-query";
import { DropdownMenu } from "radix-ui";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { buttonClasses } from "@/components/ui/button-classes";
import { CheckIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { cn } from "@/lib/cn";
import { useTRPC } from "@/trpc/client";

/** The workspace in the address bar (`/w/<slug>/…`), if any. */
export function currentWorkspaceSlug(pathname: string | null): string | null {
  return pathname?.match(/^\/w\/([^/]+)/)?.[1] ?? null;
}

const itemClasses =
  "flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none select-none data-highlighted:bg-muted data-highlighted:text-foreground";

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
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={buttonClasses("outline", "sm", "min-w-0 max-w-40 shrink justify-between sm:max-w-52")} data-testid="workspace-switcher">
        <span className="truncate">{label}</span>
        <span aria-hidden="true" className="text-muted-foreground">▾</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={6} className="z-50 min-w-56 rounded-lg border border-border bg-card p-1 text-foreground shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-medium text-muted-foreground">Workspaces</DropdownMenu.Label>
          {isError ? <p className="px-2 py-1.5 text-sm text-destructive">Couldn&apos;t load your workspaces.</p> : null}
          {data?.map((workspace) => (
            <DropdownMenu.Item key={workspace.slug} asChild className={itemClasses}>
              <Link href={`/w/${workspace.slug}`} aria-current={workspace.slug === slug ? "page" : undefined}>
                <CheckIcon className={cn("shrink-0", workspace.slug === slug ? "opacity-100" : "opacity-0")} />
                <span className="truncate">{workspace.name}</span>
                {workspace.personal ? <span className="ml-auto text-xs text-muted-foreground">Personal</span> : null}
              </Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className={itemClasses}>
            <Link href="/w/new">+ Create workspace</Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
