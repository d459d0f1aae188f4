import type { Metadata } from "next";
import { API_KEY_PAGE_SIZE } from "@/features/api-keys/schemas";
import { ApiReference } from "@/features/api-keys/ui/api-reference";
import { apiReference } from "@/server/rest/reference";
import { getQueryClient, trpc } from "@/trpc/server";
import { loadWorkspace, type WorkspaceParams } from "../../load-workspace";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage({ params }: WorkspaceParams) {
  const workspace = await loadWorkspace((await params).workspace);
  if (workspace.role === "member") return null;
  const keys = await getQueryClient().fetchQuery(trpc.apiKeys.list.queryOptions({ workspaceSlug: workspace.slug, limit: API_KEY_PAGE_SIZE }));
  const newest = keys.items.find((k) => k.status === "active");
  const { serverUrl, endpoints } = apiReference();
  return <ApiReference serverUrl={serverUrl} endpoints={endpoints} keyPrefix={newest ? `${newest.start}…` : "gw_live_…"} />;
}
