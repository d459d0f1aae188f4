import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import type { BoardContext } from "@/features/feedback/ui/post-row";
import { getQueryClient, getViewer, trpc } from "@/trpc/server";

export type BoardParams = { params: Promise<{ workspace: string; board: string }> };

/**
 * The board in the URL as this visitor may see it: a private board (or any board of a
 * workspace that doesn't exist) is a 404 for everyone who can't read it.
 */
export const loadBoard = cache(async (workspaceSlug: string, boardSlug: string) => {
  try {
    return await getQueryClient().fetchQuery({ ...trpc.feedback.board.queryOptions({ workspaceSlug, boardSlug }), retry: false });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

export async function boardContext(workspaceSlug: string, boardSlug: string): Promise<BoardContext> {
  const viewer = await getViewer();
  const path = (await headers()).get("x-pathname") ?? `/b/${workspaceSlug}/${boardSlug}`;
  return { workspaceSlug, boardSlug, signedIn: viewer !== null, signInHref: `/sign-in?next=${encodeURIComponent(path)}` };
}
