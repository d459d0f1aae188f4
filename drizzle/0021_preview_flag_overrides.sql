CREATE TABLE "preview_flag_overrides" (
	"preview_id" uuid NOT NULL,
	"flag_key" text NOT NULL,
	"value" jsonb NOT NULL,
	"set_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "preview_flag_overrides_preview_id_flag_key_pk" PRIMARY KEY("preview_id","flag_key")
);
--> statement-breakpoint
ALTER TABLE "preview_flag_overrides" ADD CONSTRAINT "preview_flag_overrides_preview_id_previews_id_fk" FOREIGN KEY ("preview_id") REFERENCES "public"."previews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "preview_flag_overrides" ADD CONSTRAINT "preview_flag_overrides_set_by_id_users_id_fk" FOREIGN KEY ("set_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "preview_flag_overrides_set_by_id_idx" ON "preview_flag_overrides" USING btree ("set_by_id");