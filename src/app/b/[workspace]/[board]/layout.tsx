import type { ReactNode } from "react";
import { ConnectionBanner } from "@/components/ui/connection-banner";
import { NavLink } from "@/components/ui/nav-link";
import { Toaster } from "@/components/ui/toaster";
import { TrpcProvider } from "@/trpc/client";
import { LiveFlags } from "@/app/flags-live";
import { loadClientFlags } from "@/app/load-flags";
import { AppHeader } from "@/app/app-header";
import { BoardLive } from "./board-live";
import { boardContext, loadBoard, type BoardParams } from "./load-board";

/** Every page of a board, public or private: readable signed out when public, live for everyone who can read it. */
export default async function BoardLayout({ children, params }: BoardParams & { children: ReactNode }) {
  const { workspace, board: boardSlug } = await params;
  const board = await loadBoard(workspace, boardSlug);
  const ctx = await boardContext(workspace, boardSlug);
  const flags = await loadClientFlags(workspace);
  const base = `/b/${workspace}/${board.slug}`;
  return (
    <TrpcProvider>
      <LiveFlags initial={flags} workspaceSlug={workspace}>
      <ConnectionBanner />
      <AppHeader signInHref={ctx.signInHref} liveWhenSignedOut />
      <main id="main" className="mx-auto flex w-full max-w-5xl min-w-0 flex-1 flex-col gap-6 px-4 py-10 sm:px-6">
        <div className="flex flex-col gap-2 border-b border-border pb-3">
          <p className="text-sm text-muted-foreground">{board.visibility === "public" ? "Public board" : "Private board — members only"}</p>
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl" data-testid="board-name">
            {board.name}
          </h1>
          {board.description ? <p className="text-sm text-muted-foreground">{board.description}</p> : null}
          <nav aria-label="Board" className="-mx-1 flex items-center gap-1 overflow-x-auto px-1 py-1">
            <NavLink href={base} exact>
              Posts
            </NavLink>
            <NavLink href={`${base}/roadmap`}>Roadmap</NavLink>
            <NavLink href={`${base}/changelog`}>Changelog</NavLink>
            {board.canModerate ? <NavLink href={`${base}/settings`}>Settings</NavLink> : null}
          </nav>
        </div>
        <BoardLive boardId={board.id} />
        {children}
      </main>
      <Toaster />
      </LiveFlags>
    </TrpcProvider>
  );
}
