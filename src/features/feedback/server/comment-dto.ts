import "server-only";
import { renderMarkdown } from "../markdown";
import type { CommentDto } from "../schemas";
import type { Viewer } from "./access";
import type { CommentRow } from "./comment-queries";

export function toCommentDto(row: CommentRow, viewer: Viewer, canModerate: boolean): CommentDto {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    postId: row.postId,
    parentId: row.parentId,
    author: deleted || !row.authorId ? null : { id: row.authorId, displayName: row.authorName ?? "Former user" },
    body: deleted ? "" : row.body,
    bodyHtml: deleted ? "" : renderMarkdown(row.body),
    official: row.official,
    editedAt: row.editedAt,
    deleted,
    canEdit: !deleted && (canModerate || (viewer !== null && row.authorId === viewer.userId)),
    createdAt: row.createdAt,
  };
}
