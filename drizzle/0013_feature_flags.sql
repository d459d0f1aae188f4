CREATE TABLE "feature_flag_cohort_members" (
	"cohort" text NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feature_flag_cohort_members_cohort_user_id_pk" PRIMARY KEY("cohort","user_id"),
	CONSTRAINT "feature_flag_cohort_members_name" CHECK ("feature_flag_cohort_members"."cohort" ~ '^[a-z0-9][a-z0-9-]{0,39}$')
);
--> statement-breakpoint
CREATE TABLE "feature_flag_evaluations" (
	"flag_key" text NOT NULL,
	"day" date NOT NULL,
	"variant" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "feature_flag_evaluations_flag_key_day_variant_pk" PRIMARY KEY("flag_key","day","variant")
);
--> statement-breakpoint
CREATE TABLE "feature_flags" (
	"key" text PRIMARY KEY NOT NULL,
	"targeting" jsonb NOT NULL,
	"killed" boolean DEFAULT false NOT NULL,
	"kill_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"full_rollout_since" timestamp with time zone,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_audit_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"actor_email" text NOT NULL,
	"impersonator_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"reason" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feature_flag_cohort_members" ADD CONSTRAINT "feature_flag_cohort_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_flag_cohort_members" ADD CONSTRAINT "feature_flag_cohort_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_flags" ADD CONSTRAINT "feature_flags_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feature_flag_cohort_members_user_id_idx" ON "feature_flag_cohort_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "feature_flag_cohort_members_added_by_idx" ON "feature_flag_cohort_members" USING btree ("added_by");--> statement-breakpoint
CREATE INDEX "feature_flags_updated_by_idx" ON "feature_flags" USING btree ("updated_by");--> statement-breakpoint
CREATE INDEX "staff_audit_log_target_idx" ON "staff_audit_log" USING btree ("target_type","target_id","id");--> statement-breakpoint
CREATE INDEX "staff_audit_log_actor_user_id_idx" ON "staff_audit_log" USING btree ("actor_user_id","id");--> statement-breakpoint
-- Every process caches all targeting and cohorts; a change anywhere (an operation, psql, a
-- cascade from a deleted user) tells them to reload. NOTIFY is delivered on commit only.
CREATE FUNCTION feature_flags_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('feature_flags', TG_TABLE_NAME);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER feature_flags_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON feature_flags FOR EACH STATEMENT EXECUTE FUNCTION feature_flags_notify();
--> statement-breakpoint
CREATE TRIGGER feature_flag_cohort_members_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON feature_flag_cohort_members FOR EACH STATEMENT EXECUTE FUNCTION feature_flags_notify();
--> statement-breakpoint
-- The staff audit log is append-only: not even retention edits or removes it.
CREATE TRIGGER staff_audit_log_append_only BEFORE UPDATE OR DELETE ON staff_audit_log FOR EACH ROW EXECUTE FUNCTION refuse_update();
