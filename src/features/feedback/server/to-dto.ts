import "server-only";
import type { feedbackBoards, feedbackTags } from "@/server/db/schema";
import { markdownExcerpt } from "../markdown";
import type { BoardDto, PostSummaryDto } from "../schemas";
import type { BoardAccess } from "./access";
import type { SummaryRow } from "./post-queries";

type TagRow = Pick<typeof feedbackTags.$inferSelect, "slug" | "name">;

export function toBoardDto(access: Pick<BoardAccess, "role" | "canModerate"> & { board: typeof feedbackBoards.$inferSelect }, tags: TagRow[]): BoardDto {
  const { board } = access;
  return {
    id: board.id,
    workspaceId: board.workspaceId,
    slug: board.slug,
    name: board.name,
    description: board.description,
    visibility: board.visibility,
    tags: tags.map((t) => ({ slug: t.slug, name: t.name })),
    viewerRole: access.role,
    canModerate: access.canModerate,
    createdAt: board.createdAt,
  };
}

export function toPostSummary(row: SummaryRow): PostSummaryDto {
  return {
    id: row.id,
    boardId: row.boardId,
    title: row.title,
    excerpt: markdownExcerpt(row.bodyStart),
    status: row.status,
    tags: row.tags,
    voteCount: row.voteCount,
    commentCount: row.commentCount,
    pinned: row.pinned,
    commentsLocked: row.commentsLocked,
    moderation: row.moderation,
    author: row.authorId ? { id: row.authorId, displayName: row.authorName ?? "Former user" } : null,
    viewerHasVoted: row.viewerHasVoted,
    createdAt: row.createdAt,
  };
}
