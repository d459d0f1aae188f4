import "server-only";
import { getQueryClient, trpc } from "@/trpc/server";

/** This request's browser flag values (the viewer, their override cookie, the page's workspace). */
export async function loadClientFlags(workspaceSlug: string | null) {
  return (await getQueryClient().fetchQuery(trpc.flags.evaluate.queryOptions({ workspaceSlug }))).values;
}
