import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getQueryClient, requireViewer, trpc } from "@/trpc/server";

/**
 * The workspace named in the URL, as the viewer sees it; not a member (or not a slug at all)
 * is a 404, so a workspace's existence can't be probed. Fetched into the request's query
 * client, so pages that hydrate it don't ask again.
 */
export const loadWorkspace = cache(async (workspaceSlug: string) => {
  await requireViewer();
  try {
    // No retries: a 404 is an answer, not a hiccup.
    return await getQueryClient().fetchQuery({ ...trpc.workspaces.get.queryOptions({ workspaceSlug }), retry: false });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
});

export type WorkspaceParams = { params: Promise<{ workspace: string }> };
