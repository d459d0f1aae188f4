CREATE TABLE "feedback_boards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_boards_id_workspace_unique" UNIQUE("id","workspace_id"),
	CONSTRAINT "feedback_boards_slug_format" CHECK ("feedback_boards"."slug" ~ '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$'),
	CONSTRAINT "feedback_boards_name_length" CHECK (char_length("feedback_boards"."name") between 1 and 80),
	CONSTRAINT "feedback_boards_description_length" CHECK (char_length("feedback_boards"."description") <= 500),
	CONSTRAINT "feedback_boards_visibility_valid" CHECK ("feedback_boards"."visibility" in ('public', 'private'))
);
--> statement-breakpoint
CREATE TABLE "feedback_changelog_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"parent_id" uuid,
	"thread_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"official" boolean DEFAULT false NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_comments_body_length" CHECK (char_length("feedback_comments"."body") between 1 and 5000),
	CONSTRAINT "feedback_comments_thread" CHECK ("feedback_comments"."thread_id" = coalesce("feedback_comments"."parent_id", "feedback_comments"."id"))
);
--> statement-breakpoint
CREATE TABLE "feedback_posts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"author_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"moderation" text DEFAULT 'visible' NOT NULL,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"trending" double precision NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"comments_locked" boolean DEFAULT false NOT NULL,
	"deleted_reason" text,
	"merged_into_id" uuid,
	"edited_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_posts_id_workspace_unique" UNIQUE("id","workspace_id"),
	CONSTRAINT "feedback_posts_title_length" CHECK (char_length("feedback_posts"."title") between 3 and 150),
	CONSTRAINT "feedback_posts_body_length" CHECK (char_length("feedback_posts"."body") <= 10000),
	CONSTRAINT "feedback_posts_tags_count" CHECK (cardinality("feedback_posts"."tags") <= 5),
	CONSTRAINT "feedback_posts_status_valid" CHECK ("feedback_posts"."status" in ('open', 'under_review', 'planned', 'in_progress', 'done', 'closed')),
	CONSTRAINT "feedback_posts_moderation_valid" CHECK ("feedback_posts"."moderation" in ('visible', 'held', 'deleted', 'merged')),
	CONSTRAINT "feedback_posts_counts_nonnegative" CHECK ("feedback_posts"."vote_count" >= 0 and "feedback_posts"."comment_count" >= 0),
	CONSTRAINT "feedback_posts_merged_has_target" CHECK (("feedback_posts"."moderation" = 'merged') = ("feedback_posts"."merged_into_id" is not null)),
	CONSTRAINT "feedback_posts_deleted_has_reason" CHECK (("feedback_posts"."moderation" = 'deleted') = ("feedback_posts"."deleted_reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "feedback_status_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"changed_by" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_status_changes_note_length" CHECK ("feedback_status_changes"."note" is null or char_length("feedback_status_changes"."note") <= 500)
);
--> statement-breakpoint
CREATE TABLE "feedback_tags" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_tags_slug_format" CHECK ("feedback_tags"."slug" ~ '^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$'),
	CONSTRAINT "feedback_tags_name_length" CHECK (char_length("feedback_tags"."name") between 1 and 32)
);
--> statement-breakpoint
CREATE TABLE "feedback_votes" (
	"workspace_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_votes_post_id_user_id_pk" PRIMARY KEY("post_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "feedback_boards" ADD CONSTRAINT "feedback_boards_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_changelog_entries" ADD CONSTRAINT "feedback_changelog_board_fk" FOREIGN KEY ("board_id","workspace_id") REFERENCES "public"."feedback_boards"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_changelog_entries" ADD CONSTRAINT "feedback_changelog_post_fk" FOREIGN KEY ("post_id","workspace_id") REFERENCES "public"."feedback_posts"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_comments" ADD CONSTRAINT "feedback_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_comments" ADD CONSTRAINT "feedback_comments_post_fk" FOREIGN KEY ("post_id","workspace_id") REFERENCES "public"."feedback_posts"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_comments" ADD CONSTRAINT "feedback_comments_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."feedback_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_posts" ADD CONSTRAINT "feedback_posts_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_posts" ADD CONSTRAINT "feedback_posts_board_fk" FOREIGN KEY ("board_id","workspace_id") REFERENCES "public"."feedback_boards"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_posts" ADD CONSTRAINT "feedback_posts_merged_into_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."feedback_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_status_changes" ADD CONSTRAINT "feedback_status_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_status_changes" ADD CONSTRAINT "feedback_status_changes_post_fk" FOREIGN KEY ("post_id","workspace_id") REFERENCES "public"."feedback_posts"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_tags" ADD CONSTRAINT "feedback_tags_board_fk" FOREIGN KEY ("board_id","workspace_id") REFERENCES "public"."feedback_boards"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_votes" ADD CONSTRAINT "feedback_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_votes" ADD CONSTRAINT "feedback_votes_post_fk" FOREIGN KEY ("post_id","workspace_id") REFERENCES "public"."feedback_posts"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_boards_workspace_slug_unique" ON "feedback_boards" USING btree ("workspace_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_changelog_post_unique" ON "feedback_changelog_entries" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "feedback_changelog_board_id_idx" ON "feedback_changelog_entries" USING btree ("board_id","id");--> statement-breakpoint
CREATE INDEX "feedback_changelog_workspace_id_idx" ON "feedback_changelog_entries" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "feedback_comments_post_thread_idx" ON "feedback_comments" USING btree ("post_id","thread_id","id");--> statement-breakpoint
CREATE INDEX "feedback_comments_parent_id_idx" ON "feedback_comments" USING btree ("parent_id") WHERE "feedback_comments"."parent_id" is not null;--> statement-breakpoint
CREATE INDEX "feedback_comments_author_id_idx" ON "feedback_comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "feedback_comments_workspace_id_idx" ON "feedback_comments" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "feedback_posts_workspace_id_idx" ON "feedback_posts" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "feedback_posts_author_id_idx" ON "feedback_posts" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "feedback_posts_merged_into_id_idx" ON "feedback_posts" USING btree ("merged_into_id") WHERE "feedback_posts"."merged_into_id" is not null;--> statement-breakpoint
CREATE INDEX "feedback_posts_new_idx" ON "feedback_posts" USING btree ("board_id","pinned","id") WHERE "feedback_posts"."moderation" = 'visible';--> statement-breakpoint
CREATE INDEX "feedback_posts_top_idx" ON "feedback_posts" USING btree ("board_id","pinned","vote_count","id") WHERE "feedback_posts"."moderation" = 'visible';--> statement-breakpoint
CREATE INDEX "feedback_posts_trending_idx" ON "feedback_posts" USING btree ("board_id","pinned","trending","id") WHERE "feedback_posts"."moderation" = 'visible';--> statement-breakpoint
CREATE INDEX "feedback_posts_status_new_idx" ON "feedback_posts" USING btree ("board_id","status","pinned","id") WHERE "feedback_posts"."moderation" = 'visible';--> statement-breakpoint
CREATE INDEX "feedback_posts_status_top_idx" ON "feedback_posts" USING btree ("board_id","status","pinned","vote_count","id") WHERE "feedback_posts"."moderation" = 'visible';--> statement-breakpoint
CREATE INDEX "feedback_posts_status_trending_idx" ON "feedback_posts" USING btree ("board_id","status","pinned","trending","id") WHERE "feedback_posts"."moderation" = 'visible';--> statement-breakpoint
CREATE INDEX "feedback_posts_held_idx" ON "feedback_posts" USING btree ("board_id","id") WHERE "feedback_posts"."moderation" = 'held';--> statement-breakpoint
CREATE INDEX "feedback_posts_tags_idx" ON "feedback_posts" USING gin ("tags") WHERE "feedback_posts"."moderation" = 'visible';--> statement-breakpoint
CREATE INDEX "feedback_posts_search_idx" ON "feedback_posts" USING gin ("search") WHERE "feedback_posts"."moderation" = 'visible';--> statement-breakpoint
CREATE INDEX "feedback_posts_title_trgm_idx" ON "feedback_posts" USING gin ("title" gin_trgm_ops) WHERE "feedback_posts"."moderation" = 'visible';--> statement-breakpoint
CREATE INDEX "feedback_status_changes_post_id_idx" ON "feedback_status_changes" USING btree ("post_id","id");--> statement-breakpoint
CREATE INDEX "feedback_status_changes_changed_by_idx" ON "feedback_status_changes" USING btree ("changed_by");--> statement-breakpoint
CREATE INDEX "feedback_status_changes_workspace_id_idx" ON "feedback_status_changes" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_tags_board_slug_unique" ON "feedback_tags" USING btree ("board_id","slug");--> statement-breakpoint
CREATE INDEX "feedback_tags_workspace_id_idx" ON "feedback_tags" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "feedback_votes_user_id_idx" ON "feedback_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "feedback_votes_workspace_id_idx" ON "feedback_votes" USING btree ("workspace_id");