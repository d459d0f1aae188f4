import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, timestamps } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const BOARD_VISIBILITIES = ["public", "private"] as const;
export const POST_STATUSES = ["open", "under_review", "planned", "in_progress", "done", "closed"] as const;
export type PostStatus = (typeof POST_STATUSES)[number];
/** `held`: waiting for an admin (too many links); `merged`: a duplicate folded into another post. */
export const POST_MODERATION = ["visible", "held", "deleted", "merged"] as const;

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

export const feedbackBoards = pgTable(
  "feedback_boards",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    visibility: text("visibility", { enum: BOARD_VISIBILITIES }).notNull().default("public"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("feedback_boards_workspace_slug_unique").on(t.workspaceId, t.slug),
    // Target of the (id, workspace_id) foreign keys below: a child row can't point across tenants.
    unique("feedback_boards_id_workspace_unique").on(t.id, t.workspaceId),
    check("feedback_boards_slug_format", sql`${t.slug} ~ '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$'`),
    check("feedback_boards_name_length", sql`char_length(${t.name}) between 1 and 80`),
    check("feedback_boards_description_length", sql`char_length(${t.description}) <= 500`),
    check("feedback_boards_visibility_valid", sql`${t.visibility} in (${inList(BOARD_VISIBILITIES)})`),
  ],
);

export const feedbackTags = pgTable(
  "feedback_tags",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull(),
    boardId: uuid("board_id").notNull(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: "feedback_tags_board_fk", columns: [t.boardId, t.workspaceId], foreignColumns: [feedbackBoards.id, feedbackBoards.workspaceId] }).onDelete("cascade"),
    uniqueIndex("feedback_tags_board_slug_unique").on(t.boardId, t.slug),
    index("feedback_tags_workspace_id_idx").on(t.workspaceId),
    check("feedback_tags_slug_format", sql`${t.slug} ~ '^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$'`),
    check("feedback_tags_name_length", sql`char_length(${t.name}) between 1 and 32`),
  ],
);

const visible = (t: { moderation: unknown }) => sql`${t.moderation} = 'visible'`;

export const feedbackPosts = pgTable(
  "feedback_posts",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull(),
    boardId: uuid("board_id").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** Tag slugs of this board (feedback_tags); an array so a tag filter is one GIN lookup. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    status: text("status", { enum: POST_STATUSES }).notNull().default("open"),
    moderation: text("moderation", { enum: POST_MODERATION }).notNull().default("visible"),
    /** Kept equal to the post's votes rows by the one statement that adds or removes a vote. */
    voteCount: integer("vote_count").notNull().default(0),
    /**
     * log2 of Σ 2^(t/half-life) over the post's creation and each vote's time: recency-weighted
     * votes whose order never changes as time passes, so it can be stored and indexed
     * (docs/decisions/011-trending-and-totals.md).
     */
    trending: doublePrecision("trending").notNull(),
    commentCount: integer("comment_count").notNull().default(0),
    pinned: boolean("pinned").notNull().default(false),
    commentsLocked: boolean("comments_locked").notNull().default(false),
    deletedReason: text("deleted_reason"),
    mergedIntoId: uuid("merged_into_id"),
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date" }),
    search: tsvector("search")
      .notNull()
      .generatedAlwaysAs(sql`setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')`),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: "feedback_posts_board_fk", columns: [t.boardId, t.workspaceId], foreignColumns: [feedbackBoards.id, feedbackBoards.workspaceId] }).onDelete("cascade"),
    foreignKey({ name: "feedback_posts_merged_into_fk", columns: [t.mergedIntoId], foreignColumns: [t.id] }),
    unique("feedback_posts_id_workspace_unique").on(t.id, t.workspaceId),
    // (workspace, id): also the workspace home's "latest activity", newest first (ids are UUIDv7).
    index("feedback_posts_workspace_id_idx").on(t.workspaceId, t.id),
    index("feedback_posts_author_id_idx").on(t.authorId),
    index("feedback_posts_merged_into_id_idx").on(t.mergedIntoId).where(sql`${t.mergedIntoId} is not null`),
    // Keyset orders (pinned first, then the sort key, then id), scanned backwards; one per sort,
    // with and without the status filter. Only visible posts are listed.
    index("feedback_posts_new_idx").on(t.boardId, t.pinned, t.id).where(visible(t)),
    index("feedback_posts_top_idx").on(t.boardId, t.pinned, t.voteCount, t.id).where(visible(t)),
    index("feedback_posts_trending_idx").on(t.boardId, t.pinned, t.trending, t.id).where(visible(t)),
    index("feedback_posts_status_new_idx").on(t.boardId, t.status, t.pinned, t.id).where(visible(t)),
    index("feedback_posts_status_top_idx").on(t.boardId, t.status, t.pinned, t.voteCount, t.id).where(visible(t)),
    index("feedback_posts_status_trending_idx").on(t.boardId, t.status, t.pinned, t.trending, t.id).where(visible(t)),
    index("feedback_posts_held_idx").on(t.boardId, t.id).where(sql`${t.moderation} = 'held'`),
    index("feedback_posts_tags_idx").using("gin", t.tags).where(visible(t)),
    index("feedback_posts_search_idx").using("gin", t.search).where(visible(t)),
    // pg_trgm (created by migration 0007): similar-title suggestions while typing.
    index("feedback_posts_title_trgm_idx").using("gin", sql`${t.title} gin_trgm_ops`).where(visible(t)),
    check("feedback_posts_title_length", sql`char_length(${t.title}) between 3 and 150`),
    check("feedback_posts_body_length", sql`char_length(${t.body}) <= 10000`),
    check("feedback_posts_tags_count", sql`cardinality(${t.tags}) <= 5`),
    check("feedback_posts_status_valid", sql`${t.status} in (${inList(POST_STATUSES)})`),
    check("feedback_posts_moderation_valid", sql`${t.moderation} in (${inList(POST_MODERATION)})`),
    check("feedback_posts_counts_nonnegative", sql`${t.voteCount} >= 0 and ${t.commentCount} >= 0`),
    check("feedback_posts_merged_has_target", sql`(${t.moderation} = 'merged') = (${t.mergedIntoId} is not null)`),
    check("feedback_posts_deleted_has_reason", sql`(${t.moderation} = 'deleted') = (${t.deletedReason} is not null)`),
  ],
);

export const feedbackVotes = pgTable(
  "feedback_votes",
  {
    workspaceId: uuid("workspace_id").notNull(),
    postId: uuid("post_id").notNull(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.userId] }),
    foreignKey({ name: "feedback_votes_post_fk", columns: [t.postId, t.workspaceId], foreignColumns: [feedbackPosts.id, feedbackPosts.workspaceId] }).onDelete("cascade"),
    index("feedback_votes_user_id_idx").on(t.userId),
    index("feedback_votes_workspace_id_idx").on(t.workspaceId),
  ],
);

export const feedbackComments = pgTable(
  "feedback_comments",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull(),
    postId: uuid("post_id").notNull(),
    /** Replies are one level deep: a reply's parent is always a top-level comment. */
    parentId: uuid("parent_id"),
    /** The top-level comment's id (its own for a top-level comment): threads list in one keyset. */
    threadId: uuid("thread_id").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    official: boolean("official").notNull().default(false),
    editedAt: timestamp("edited_at", { withTimezone: true, mode: "date" }),
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    ...timestamps(),
  },
  (t) => [
    foreignKey({ name: "feedback_comments_post_fk", columns: [t.postId, t.workspaceId], foreignColumns: [feedbackPosts.id, feedbackPosts.workspaceId] }).onDelete("cascade"),
    foreignKey({ name: "feedback_comments_parent_fk", columns: [t.parentId], foreignColumns: [t.id] }).onDelete("cascade"),
    index("feedback_comments_post_thread_idx").on(t.postId, t.threadId, t.id),
    index("feedback_comments_parent_id_idx").on(t.parentId).where(sql`${t.parentId} is not null`),
    index("feedback_comments_author_id_idx").on(t.authorId),
    index("feedback_comments_workspace_id_idx").on(t.workspaceId, t.id),
    check("feedback_comments_body_length", sql`char_length(${t.body}) between 1 and 5000`),
    check("feedback_comments_thread", sql`${t.threadId} = coalesce(${t.parentId}, ${t.id})`),
  ],
);

export const feedbackStatusChanges = pgTable(
  "feedback_status_changes",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull(),
    postId: uuid("post_id").notNull(),
    fromStatus: text("from_status", { enum: POST_STATUSES }),
    toStatus: text("to_status", { enum: POST_STATUSES }).notNull(),
    changedBy: uuid("changed_by").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: "feedback_status_changes_post_fk", columns: [t.postId, t.workspaceId], foreignColumns: [feedbackPosts.id, feedbackPosts.workspaceId] }).onDelete("cascade"),
    index("feedback_status_changes_post_id_idx").on(t.postId, t.id),
    index("feedback_status_changes_changed_by_idx").on(t.changedBy),
    index("feedback_status_changes_workspace_id_idx").on(t.workspaceId, t.id),
    check("feedback_status_changes_note_length", sql`${t.note} is null or char_length(${t.note}) <= 500`),
  ],
);

/** One entry per post that reached `done`: the board's public changelog. */
export const feedbackChangelogEntries = pgTable(
  "feedback_changelog_entries",
  {
    id: id(),
    workspaceId: uuid("workspace_id").notNull(),
    boardId: uuid("board_id").notNull(),
    postId: uuid("post_id").notNull(),
    title: text("title").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: "feedback_changelog_board_fk", columns: [t.boardId, t.workspaceId], foreignColumns: [feedbackBoards.id, feedbackBoards.workspaceId] }).onDelete("cascade"),
    foreignKey({ name: "feedback_changelog_post_fk", columns: [t.postId, t.workspaceId], foreignColumns: [feedbackPosts.id, feedbackPosts.workspaceId] }).onDelete("cascade"),
    uniqueIndex("feedback_changelog_post_unique").on(t.postId),
    index("feedback_changelog_board_id_idx").on(t.boardId, t.id),
    index("feedback_changelog_workspace_id_idx").on(t.workspaceId),
  ],
);
