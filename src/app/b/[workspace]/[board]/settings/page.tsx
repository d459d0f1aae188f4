import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BoardSettings } from "@/features/feedback/ui/board-settings";
import { loadBoard, type BoardParams } from "../load-board";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Board settings" };

export default async function BoardSettingsPage({ params }: BoardParams) {
  const { workspace, board: slug } = await params;
  const board = await loadBoard(workspace, slug);
  if (!board.canModerate) notFound();
  return <BoardSettings board={board} workspaceSlug={workspace} />;
}
