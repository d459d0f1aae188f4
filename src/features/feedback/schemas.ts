import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { text } from "@/lib/text";
import { LIMITS, POST_BODY, POST_STATUS_VALUES, POST_TITLE } from "./constants";
export * from "./constants";

export const postStatus = z.enum(POST_STATUS_VALUES, { error: `Status must be one of: ${POST_STATUS_VALUES.join(", ")}` });
export const postSort = z.enum(["top", "new", "trending"], { error: "Sort must be top, new or trending" });
export type PostSort = z.infer<typeof postSort>;
const workspaceId = idSchema;
const clientMutationId = z.uuid({ error: "Must be a valid id" }).nullish();
const slug = text("Address")
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, "Address must be 1–40 lowercase letters, digits or dashes, not starting or ending with a dash");
const tagSlug = text("Tag").trim().toLowerCase().regex(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/, "Tags are 1–32 lowercase letters, digits or dashes");
const limit = (max: number, fallback: number) =>
  z.number({ error: "Limit must be a number" }).int("Limit must be a whole number").min(1, "Limit must be at least 1").max(max, `Limit must be at most ${max}`).default(fallback);

export const postTitle = text("Title")
  .trim()
  .min(POST_TITLE.min, POST_TITLE.tooShort)
  .max(POST_TITLE.max, POST_TITLE.tooLong);
export const postBody = text("Description").trim().max(POST_BODY.max, POST_BODY.tooLong);
export const commentBody = text("Comment").trim().min(1, "Comment can't be empty").max(LIMITS.comment, `Comment must be at most ${LIMITS.comment.toLocaleString("en")} characters`);

// ── DTOs ───────────────────────────────────────────────────────────────────────────
export const viewerRole = z.enum(["owner", "admin", "member"]).nullable();
export const tagDto = z.object({ slug: z.string(), name: z.string() });
export const boardDto = z.object({
  id: idSchema,
  workspaceId: idSchema,
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: z.enum(["public", "private"]),
  tags: z.array(tagDto),
  /** The viewer's role in the board's workspace (null: not a member, or signed out). */
  viewerRole,
  canModerate: z.boolean(),
  createdAt: z.date(),
});
export type BoardDto = z.infer<typeof boardDto>;

const author = z.object({ id: idSchema, displayName: z.string() }).nullable();
export const postSummaryDto = z.object({
  id: idSchema,
  boardId: idSchema,
  title: z.string(),
  excerpt: z.string(),
  status: postStatus,
  tags: z.array(z.string()),
  voteCount: z.number().int(),
  commentCount: z.number().int(),
  pinned: z.boolean(),
  commentsLocked: z.boolean(),
  /** `held`: waiting for an admin's approval; only its author and admins see it. */
  moderation: z.enum(["visible", "held", "deleted", "merged"]),
  author,
  viewerHasVoted: z.boolean(),
  createdAt: z.date(),
});
export type PostSummaryDto = z.infer<typeof postSummaryDto>;

export const statusChangeDto = z.object({ id: idSchema, fromStatus: postStatus.nullable(), toStatus: postStatus, note: z.string().nullable(), changedBy: author, createdAt: z.date() });
export const postDto = postSummaryDto.extend({
  body: z.string(),
  /** `body` rendered from Markdown and sanitized on the server (markdown.ts). */
  bodyHtml: z.string(),
  editedAt: z.date().nullable(),
  /** Until when the viewer may still edit (authors, within the window); admins always may. */
  editableUntil: z.date().nullable(),
  canEdit: z.boolean(),
  canModerate: z.boolean(),
  deletedReason: z.string().nullable(),
  mergedInto: z.object({ id: idSchema, title: z.string() }).nullable(),
  statusHistory: z.array(statusChangeDto),
});
export type PostDto = z.infer<typeof postDto>;

export const commentDto = z.object({
  id: idSchema,
  postId: idSchema,
  parentId: idSchema.nullable(),
  author,
  body: z.string(),
  bodyHtml: z.string(),
  official: z.boolean(),
  editedAt: z.date().nullable(),
  deleted: z.boolean(),
  canEdit: z.boolean(),
  createdAt: z.date(),
});
export type CommentDto = z.infer<typeof commentDto>;

export const totalDto = z.object({ value: z.number().int(), exact: z.boolean() });

// ── contract operations (docs: /work/coord/FEEDBACK-CONTRACT.md) ───────────────────
export const listBoardsInput = z.object({ workspaceId });
export const listBoardsOutput = z.object({ items: z.array(boardDto) });

export const listPostsInput = z.object({
  workspaceId,
  boardId: idSchema,
  sort: postSort.default("top"),
  status: postStatus.nullish(),
  tag: tagSlug.nullish(),
  q: text("Search").trim().max(LIMITS.searchQuery, `Search must be at most ${LIMITS.searchQuery} characters`).nullish(),
  /** Admins only: the posts held for review instead of the visible ones. */
  held: z.boolean().default(false),
  cursor: text("Cursor").max(200, "That page cursor is not valid").nullish(),
  limit: limit(100, 20),
});
export const listPostsOutput = z.object({ items: z.array(postSummaryDto), nextCursor: z.string().nullable(), total: totalDto });

export const getPostInput = z.object({ workspaceId, postId: idSchema });

export const createPostInput = z.object({
  workspaceId,
  boardId: idSchema,
  title: postTitle,
  body: postBody.default(""),
  tags: z.array(tagSlug, { error: "Tags must be a list" }).max(LIMITS.tags, `Choose at most ${LIMITS.tags} tags`).default([]),
  clientMutationId,
});

export const setVoteInput = z.object({ workspaceId, postId: idSchema, voted: z.boolean({ error: "Voted must be true or false" }), clientMutationId });
/** `eventId`: the live event this change published (null if nothing changed), so a client can order it among live counts. */
export const setVoteOutput = z.object({ postId: idSchema, voted: z.boolean(), voteCount: z.number().int(), eventId: z.string().nullable() });

export const createCommentInput = z.object({ workspaceId, postId: idSchema, body: commentBody, parentId: idSchema.nullish(), clientMutationId });

export const listCommentsInput = z.object({ workspaceId, postId: idSchema, cursor: text("Cursor").max(200, "That page cursor is not valid").nullish(), limit: limit(100, 50) });
export const listCommentsOutput = z.object({ items: z.array(commentDto), nextCursor: z.string().nullable() });

// ── the rest ───────────────────────────────────────────────────────────────────────
export const getBoardInput = z.object({ workspaceId, boardSlug: slug });
export const boardFields = {
  name: text("Name").trim().min(1, "Name can't be empty").max(LIMITS.boardName, `Name must be at most ${LIMITS.boardName} characters`),
  description: text("Description").trim().max(LIMITS.boardDescription, `Description must be at most ${LIMITS.boardDescription} characters`),
  visibility: z.enum(["public", "private"], { error: "Visibility must be public or private" }),
};
export const createBoardInput = z.object({ workspaceId, slug, name: boardFields.name, description: boardFields.description.default(""), visibility: boardFields.visibility.default("public") });
export const updateBoardInput = z.object({ workspaceId, boardId: idSchema, name: boardFields.name, description: boardFields.description, visibility: boardFields.visibility });

export const createTagInput = z.object({ workspaceId, boardId: idSchema, name: text("Tag name").trim().min(1, "Tag name can't be empty").max(LIMITS.tagName, `Tag name must be at most ${LIMITS.tagName} characters`) });
export const deleteTagInput = z.object({ workspaceId, boardId: idSchema, slug: tagSlug });

export const updatePostInput = z.object({ workspaceId, postId: idSchema, title: postTitle, body: postBody, tags: createPostInput.shape.tags, clientMutationId });
export const setPostStatusInput = z.object({
  workspaceId,
  postId: idSchema,
  status: postStatus,
  note: text("Note").trim().max(LIMITS.statusNote, `Note must be at most ${LIMITS.statusNote} characters`).nullish(),
  clientMutationId,
});
export const MODERATION_ACTIONS = ["pin", "unpin", "lock", "unlock", "approve", "delete"] as const;
/** `reason` is required for `delete` (checked by the operation, reported on `reason`). */
export const moderatePostInput = z.object({
  workspaceId,
  postId: idSchema,
  action: z.enum(MODERATION_ACTIONS, { error: `Action must be one of: ${MODERATION_ACTIONS.join(", ")}` }),
  reason: text("Reason").trim().min(3, "Say why, in at least 3 characters").max(LIMITS.deleteReason, `Reason must be at most ${LIMITS.deleteReason} characters`).nullish(),
});
export const mergePostInput = z.object({ workspaceId, postId: idSchema, intoPostId: idSchema });
export const mergePostOutput = z.object({ intoPostId: idSchema, movedVotes: z.number().int(), movedComments: z.number().int() });

export const findSimilarInput = z.object({ workspaceId, boardId: idSchema, title: text("Title").trim().max(LIMITS.title, `Title must be at most ${LIMITS.title} characters`) });
export const findSimilarOutput = z.object({ items: z.array(z.object({ id: idSchema, title: z.string(), status: postStatus, voteCount: z.number().int() })) });

export const roadmapInput = z.object({ workspaceId, boardId: idSchema });
export const roadmapOutput = z.object({ columns: z.array(z.object({ status: postStatus, items: z.array(postSummaryDto), total: totalDto })) });

export const changelogInput = z.object({ workspaceId, boardId: idSchema, cursor: idSchema.nullish(), limit: limit(50, 20) });
export const changelogEntryDto = z.object({ id: idSchema, postId: idSchema, title: z.string(), note: z.string().nullable(), createdAt: z.date() });
export const changelogOutput = z.object({ items: z.array(changelogEntryDto), nextCursor: idSchema.nullable() });

export const updateCommentInput = z.object({ workspaceId, commentId: idSchema, body: commentBody });
export const deleteCommentInput = z.object({ workspaceId, commentId: idSchema });
export const okOutput = z.object({ ok: z.literal(true) });
