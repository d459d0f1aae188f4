CREATE TABLE "api_idempotency_keys" (
	"api_key_id" uuid NOT NULL,
	"key" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"state" text NOT NULL,
	"response_status" smallint,
	"response_body" jsonb,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_idempotency_keys_api_key_id_key_pk" PRIMARY KEY("api_key_id","key"),
	CONSTRAINT "api_idempotency_keys_state_valid" CHECK ("api_idempotency_keys"."state" in ('in_progress', 'completed')),
	CONSTRAINT "api_idempotency_keys_completed_has_response" CHECK ("api_idempotency_keys"."state" <> 'completed' or "api_idempotency_keys"."response_status" is not null),
	CONSTRAINT "api_idempotency_keys_key_length" CHECK (char_length("api_idempotency_keys"."key") between 1 and 255)
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_by" uuid,
	"name" text NOT NULL,
	"environment" text NOT NULL,
	"start" text NOT NULL,
	"secret_hash" text NOT NULL,
	"previous_secret_hash" text,
	"previous_expires_at" timestamp with time zone,
	"scopes" text[] NOT NULL,
	"rate_limit_per_minute" integer,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_name_length" CHECK (char_length("api_keys"."name") between 1 and 80),
	CONSTRAINT "api_keys_environment_valid" CHECK ("api_keys"."environment" in ('live', 'test')),
	CONSTRAINT "api_keys_rate_limit_range" CHECK ("api_keys"."rate_limit_per_minute" is null or "api_keys"."rate_limit_per_minute" between 1 and 100000),
	CONSTRAINT "api_keys_previous_pair" CHECK (("api_keys"."previous_secret_hash" is null) = ("api_keys"."previous_expires_at" is null)),
	CONSTRAINT "api_keys_scopes_known" CHECK ("api_keys"."scopes" <@ array['boards:read', 'posts:read', 'posts:write', 'votes:write', 'comments:write', 'usage:read']::text[])
);
--> statement-breakpoint
CREATE TABLE "api_request_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"api_key_id" uuid NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"route" text NOT NULL,
	"status" smallint NOT NULL,
	"latency_ms" integer NOT NULL,
	"ip" text,
	"request_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_request_log_status_valid" CHECK ("api_request_log"."status" between 100 and 599),
	CONSTRAINT "api_request_log_latency_nonnegative" CHECK ("api_request_log"."latency_ms" >= 0)
);
--> statement-breakpoint
CREATE TABLE "api_usage_daily" (
	"workspace_id" uuid NOT NULL,
	"api_key_id" uuid NOT NULL,
	"day" date NOT NULL,
	"route" text NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"latency_ms_total" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "api_usage_daily_api_key_id_day_route_pk" PRIMARY KEY("api_key_id","day","route"),
	CONSTRAINT "api_usage_daily_counts_valid" CHECK ("api_usage_daily"."requests" >= 0 and "api_usage_daily"."errors" between 0 and "api_usage_daily"."requests")
);
--> statement-breakpoint
CREATE TABLE "api_usage_periods" (
	"workspace_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"requests" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_usage_periods_workspace_id_period_start_pk" PRIMARY KEY("workspace_id","period_start"),
	CONSTRAINT "api_usage_periods_requests_nonnegative" CHECK ("api_usage_periods"."requests" >= 0)
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "plan" text DEFAULT 'free' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_request_log" ADD CONSTRAINT "api_request_log_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_request_log" ADD CONSTRAINT "api_request_log_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_usage_daily" ADD CONSTRAINT "api_usage_daily_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_usage_daily" ADD CONSTRAINT "api_usage_daily_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_usage_periods" ADD CONSTRAINT "api_usage_periods_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_idempotency_keys_workspace_id_idx" ON "api_idempotency_keys" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "api_idempotency_keys_created_at_idx" ON "api_idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_secret_hash_unique" ON "api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_previous_secret_hash_unique" ON "api_keys" USING btree ("previous_secret_hash");--> statement-breakpoint
CREATE INDEX "api_keys_workspace_id_id_idx" ON "api_keys" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "api_keys_created_by_idx" ON "api_keys" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "api_request_log_workspace_id_id_idx" ON "api_request_log" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "api_request_log_api_key_id_id_idx" ON "api_request_log" USING btree ("api_key_id","id");--> statement-breakpoint
CREATE INDEX "api_usage_daily_workspace_id_day_idx" ON "api_usage_daily" USING btree ("workspace_id","day");--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_plan_valid" CHECK ("workspaces"."plan" in ('free', 'pro'));