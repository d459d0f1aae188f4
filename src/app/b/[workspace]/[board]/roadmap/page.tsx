import type { Metadata } from "next";
import { RoadmapView } from "@/features/feedback/ui/roadmap-view";
import { boardContext, loadBoard, type BoardParams } from "../load-board";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Roadmap" };

export default async function RoadmapPage({ params }: BoardParams) {
  const { workspace, board: slug } = await params;
  const [board, ctx] = await Promise.all([loadBoard(workspace, slug), boardContext(workspace, slug)]);
  return <RoadmapView board={board} ctx={ctx} />;
}
