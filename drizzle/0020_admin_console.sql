CREATE TABLE "account_deletions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"deleted_by_user_id" uuid NOT NULL,
	"deleted_by_email" text NOT NULL,
	"reason" text NOT NULL,
	"export_file" "bytea" NOT NULL,
	"export_size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "admin_mode_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locked_reason" text;--> statement-breakpoint
CREATE INDEX "account_deletions_user_id_idx" ON "account_deletions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "account_deletions_email_idx" ON "account_deletions" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_email_prefix_idx" ON "users" USING btree ("email" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "users_email_trgm_idx" ON "users" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_display_name_trgm_idx" ON "users" USING gin (lower("display_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "workspaces_name_trgm_idx" ON "workspaces" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "workspaces_slug_trgm_idx" ON "workspaces" USING gin ("slug" gin_trgm_ops);--> statement-breakpoint
-- Hand-written: deletion records are evidence, like the staff audit log (refuse_update from 0003).
CREATE TRIGGER account_deletions_append_only BEFORE UPDATE OR DELETE ON account_deletions FOR EACH ROW EXECUTE FUNCTION refuse_update();
