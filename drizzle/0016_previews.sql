CREATE TABLE "preview_steps" (
	"preview_id" uuid NOT NULL,
	"step" text NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"pid" integer,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"log_tail" text DEFAULT '' NOT NULL,
	CONSTRAINT "preview_steps_preview_id_step_pk" PRIMARY KEY("preview_id","step"),
	CONSTRAINT "preview_steps_status_valid" CHECK ("preview_steps"."status" in ('pending', 'running', 'done', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "previews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"driver" text NOT NULL,
	"ref" text NOT NULL,
	"branch" text,
	"commit_sha" text NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"current_step" text,
	"failed_step" text,
	"error" text,
	"port" integer,
	"url" text,
	"pid" integer,
	"database_name" text,
	"worktree_path" text,
	"created_by_id" uuid,
	"created_by_email" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ready_at" timestamp with time zone,
	"destroyed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "previews_state_valid" CHECK ("previews"."state" in ('queued', 'building', 'ready', 'failed', 'dead', 'destroying', 'destroyed')),
	CONSTRAINT "previews_driver_valid" CHECK ("previews"."driver" in ('local', 'github')),
	CONSTRAINT "previews_commit_sha_hex" CHECK ("previews"."commit_sha" ~ '^[0-9a-f]{7,40}$')
);
--> statement-breakpoint
ALTER TABLE "preview_steps" ADD CONSTRAINT "preview_steps_preview_id_previews_id_fk" FOREIGN KEY ("preview_id") REFERENCES "public"."previews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "previews" ADD CONSTRAINT "previews_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "previews_state_idx" ON "previews" USING btree ("state","id");--> statement-breakpoint
CREATE INDEX "previews_created_by_id_idx" ON "previews" USING btree ("created_by_id");