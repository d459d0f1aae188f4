import { redirect } from "next/navigation";
import { getQueryClient, requireViewer, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";

/** The app's home is the viewer's first workspace (personal first); no workspace yet → create one. */
export default async function AppHome() {
  await requireViewer();
  const mine = await getQueryClient().fetchQuery({ ...trpc.workspaces.mine.queryOptions(), retry: false });
  redirect(mine[0] ? `/w/${mine[0].slug}` : "/w/new");
}
