import type { Metadata } from "next";
import { PostView } from "@/features/feedback/ui/post-view";
import { boardContext, loadBoard } from "../../load-board";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Post" };

type Params = { params: Promise<{ workspace: string; board: string; post: string }> };

export default async function PostPage({ params }: Params) {
  const { workspace, board: slug, post } = await params;
  await loadBoard(workspace, slug);
  const ctx = await boardContext(workspace, slug);
  return <PostView postId={post} ctx={ctx} />;
}
