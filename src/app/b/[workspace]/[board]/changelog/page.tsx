import type { Metadata } from "next";
import { ChangelogView } from "@/features/feedback/ui/changelog-view";
import { boardContext, loadBoard, type BoardParams } from "../load-board";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Changelog" };

export default async function ChangelogPage({ params }: BoardParams) {
  const { workspace, board: slug } = await params;
  const [board, ctx] = await Promise.all([loadBoard(workspace, slug), boardContext(workspace, slug)]);
  return <ChangelogView board={board} ctx={ctx} />;
}
