DROP INDEX "feedback_comments_workspace_id_idx";--> statement-breakpoint
DROP INDEX "feedback_posts_workspace_id_idx";--> statement-breakpoint
DROP INDEX "feedback_status_changes_workspace_id_idx";--> statement-breakpoint
CREATE INDEX "feedback_comments_workspace_id_idx" ON "feedback_comments" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "feedback_posts_workspace_id_idx" ON "feedback_posts" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "feedback_status_changes_workspace_id_idx" ON "feedback_status_changes" USING btree ("workspace_id","id");