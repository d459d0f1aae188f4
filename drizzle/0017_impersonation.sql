CREATE TABLE "impersonation_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"staff_session_id" text NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"target_user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"mode" text DEFAULT 'read' NOT NULL,
	"write_reason" text,
	"write_enabled_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"extend_reason" text,
	"extended_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "impersonation_sessions_mode_valid" CHECK ("impersonation_sessions"."mode" in ('read', 'write')),
	CONSTRAINT "impersonation_sessions_write_has_reason" CHECK (("impersonation_sessions"."mode" = 'read') = ("impersonation_sessions"."write_reason" is null and "impersonation_sessions"."write_enabled_at" is null)),
	CONSTRAINT "impersonation_sessions_extend_complete" CHECK (("impersonation_sessions"."extended_at" is null) = ("impersonation_sessions"."extend_reason" is null)),
	CONSTRAINT "impersonation_sessions_not_self" CHECK ("impersonation_sessions"."staff_user_id" <> "impersonation_sessions"."target_user_id")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "allow_support_access" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "impersonation_sessions" ADD CONSTRAINT "impersonation_sessions_staff_session_id_sessions_id_fk" FOREIGN KEY ("staff_session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impersonation_sessions" ADD CONSTRAINT "impersonation_sessions_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impersonation_sessions" ADD CONSTRAINT "impersonation_sessions_target_user_id_users_id_fk" FOREIGN KEY ("target_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "impersonation_sessions_token_hash_unique" ON "impersonation_sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "impersonation_sessions_staff_session_id_idx" ON "impersonation_sessions" USING btree ("staff_session_id");--> statement-breakpoint
CREATE INDEX "impersonation_sessions_staff_user_id_idx" ON "impersonation_sessions" USING btree ("staff_user_id","id");--> statement-breakpoint
CREATE INDEX "impersonation_sessions_target_user_id_idx" ON "impersonation_sessions" USING btree ("target_user_id","id");