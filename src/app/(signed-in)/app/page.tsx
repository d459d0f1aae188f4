import { redirect } from "next/navigation";
import { getQueryClient, getViewer, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";

/** The app's home is the viewer's first workspace (personal first); no workspace yet → create one. */
export default async function AppHome() {
  // The layout sends a signed-out visitor to sign-in; this page renders alongside it and must
  // not run a signed-in query first (an UNAUTHORIZED error logged for a normal redirect).
  if (!(await getViewer())) redirect("/sign-in?next=%2Fapp");
  const mine = await getQueryClient().fetchQuery({ ...trpc.workspaces.mine.queryOptions(), retry: false });
  redirect(mine[0] ? `/w/${mine[0].slug}` : "/w/new");
}
