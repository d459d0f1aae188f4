import type { Metadata } from "next";
import { BoardPosts } from "@/features/feedback/ui/board-posts";
import { NewPostForm } from "@/features/feedback/ui/new-post-form";
import { boardContext, loadBoard, type BoardParams } from "../load-board";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: BoardParams): Promise<Metadata> {
  const { workspace, board } = await params;
  return { title: (await loadBoard(workspace, board)).name };
}

export default async function BoardPage({ params }: BoardParams) {
  const { workspace, board: slug } = await params;
  const [board, ctx] = await Promise.all([loadBoard(workspace, slug), boardContext(workspace, slug)]);
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <BoardPosts board={board} ctx={ctx} />
      <aside className="order-first lg:order-last">
        <NewPostForm board={board} ctx={ctx} />
      </aside>
    </div>
  );
}
