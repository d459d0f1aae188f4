"use client";
import { useQuery } from "@tanstack/react-query";
import { DropdownMenu } from "radix-ui";
import Link from "next/link";
import { CheckIcon } from "@/components/ui/icons";
import type { PopupProps } from "@/components/ui/lazy-popup";
import { cn } from "@/lib/cn";
import { useTRPC } from "@/trpc/client";

const itemClasses =
  "flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none select-none data-highlighted:bg-muted data-highlighted:text-foreground";

/** The switcher's list (loaded on first use, see workspace-switcher.tsx). */
export default function WorkspaceSwitcherPopup({ slug, trigger, defaultOpen }: PopupProps<{ slug: string | null }>) {
  const trpc = useTRPC();
  const { data, isError } = useQuery(trpc.workspaces.mine.queryOptions());
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger {...trigger} />
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
