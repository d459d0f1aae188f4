import type { Metadata } from "next";
import { WorkspaceBoards } from "@/features/feedback/ui/workspace-boards";
import { loadWorkspace, type WorkspaceParams } from "../load-workspace";

export const metadata: Metadata = { title: "Feedback boards" };

export default async function WorkspaceBoardsPage({ params }: WorkspaceParams) {
  const { workspace: slug } = await params;
  const workspace = await loadWorkspace(slug);
  return <WorkspaceBoards workspaceSlug={workspace.slug} canCreate={workspace.role !== "member"} />;
}
