-- Notifications say which workspace they are about (docs/decisions/056-support-console-audit.md),
-- so support impersonating a user doesn't see those of a workspace that turned support access off.
-- Existing rows stay unscoped (NULL), as before.
ALTER TABLE "notifications" ADD COLUMN "workspace_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_workspace_id_idx" ON "notifications" USING btree ("workspace_id");