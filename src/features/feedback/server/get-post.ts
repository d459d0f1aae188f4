import "server-only";
import type { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { markdownExcerpt, renderMarkdown } from "../markdown";
import { EDIT_WINDOW_MINUTES, type getPostInput, type PostDto } from "../schemas";
import { loadPost, type PostAccess, type Viewer } from "./access";
import { selectPostExtras, selectStatusHistory } from "./detail-queries";

/** Until when an author may edit their own post; moderators may edit any time. */
export const editableUntil = (createdAt: Date) => new Date(createdAt.getTime() + EDIT_WINDOW_MINUTES * 60_000);

export function editRights(access: PostAccess, viewer: Viewer, now = new Date()) {
  const own = viewer !== null && access.post.authorId === viewer.userId;
  const until = own ? editableUntil(access.post.createdAt) : null;
  return { canEdit: access.canModerate || (until !== null && until > now), editableUntil: until };
}

export async function getPost(input: z.output<typeof getPostInput>, viewer: Viewer, db: DbOrTx): Promise<PostDto> {
  const access = await loadPost(db, viewer, input);
  const [extras, history] = await Promise.all([selectPostExtras(db, access.post.id, viewer?.userId ?? null), selectStatusHistory(db, access.post.id)]);
  return toPostDto(access, extras, history, viewer);
}

type Extras = Awaited<ReturnType<typeof selectPostExtras>>;
type History = Awaited<ReturnType<typeof selectStatusHistory>>;

export function toPostDto(access: PostAccess, extras: Extras, history: History, viewer: Viewer): PostDto {
  const p = access.post;
  return {
    id: p.id,
    boardId: p.boardId,
    title: p.title,
    excerpt: markdownExcerpt(p.body),
    body: p.body,
    bodyHtml: renderMarkdown(p.body),
    status: p.status,
    tags: p.tags,
    voteCount: p.voteCount,
    commentCount: p.commentCount,
    pinned: p.pinned,
    commentsLocked: p.commentsLocked,
    moderation: p.moderation,
    author: p.authorId ? { id: p.authorId, displayName: extras.authorName ?? "Former user" } : null,
    viewerHasVoted: extras.viewerHasVoted,
    createdAt: p.createdAt,
    editedAt: p.editedAt,
    ...editRights(access, viewer),
    canModerate: access.canModerate,
    deletedReason: access.canModerate ? p.deletedReason : null,
    mergedInto: p.mergedIntoId ? { id: p.mergedIntoId, title: extras.mergedIntoTitle ?? "" } : null,
    statusHistory: history.map((h) => ({
      id: h.id,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      note: h.note,
      changedBy: h.changedById ? { id: h.changedById, displayName: h.changedByName ?? "Former user" } : null,
      createdAt: h.createdAt,
    })),
  };
}
