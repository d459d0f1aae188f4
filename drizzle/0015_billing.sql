CREATE TABLE "billing_credit_grants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"intent_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"reason" text NOT NULL,
	"granted_by" uuid,
	"stripe_balance_transaction_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_credit_grants_amount_positive" CHECK ("billing_credit_grants"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "billing_customers" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_intents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"request" jsonb NOT NULL,
	"result" jsonb,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_intents_kind_valid" CHECK ("billing_intents"."kind" in ('checkout', 'change_subscription', 'cancel', 'resume', 'credit_grant', 'usage_report')),
	CONSTRAINT "billing_intents_status_valid" CHECK ("billing_intents"."status" in ('pending', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "billing_prices" (
	"lookup_key" text PRIMARY KEY NOT NULL,
	"stripe_price_id" text NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "billing_subscriptions" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"stripe_subscription_id" text NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"plan" text NOT NULL,
	"interval" text NOT NULL,
	"status" text NOT NULL,
	"seats" integer NOT NULL,
	"plan_item_id" text NOT NULL,
	"overage_item_id" text,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"current_period_start" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"latest_invoice_id" text,
	"payment_method_brand" text,
	"payment_method_last4" text,
	"grace_ends_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billing_subscriptions_seats_positive" CHECK ("billing_subscriptions"."seats" > 0)
);
--> statement-breakpoint
CREATE TABLE "billing_usage_periods" (
	"workspace_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"reported_overage" bigint DEFAULT 0 NOT NULL,
	"warned_80_at" timestamp with time zone,
	"warned_100_at" timestamp with time zone,
	CONSTRAINT "billing_usage_periods_workspace_id_period_start_pk" PRIMARY KEY("workspace_id","period_start")
);
--> statement-breakpoint
CREATE TABLE "billing_webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"event_created_at" timestamp with time zone NOT NULL,
	"livemode" boolean DEFAULT false NOT NULL,
	"stripe_customer_id" text,
	"workspace_id" uuid,
	"status" text DEFAULT 'received' NOT NULL,
	"payload" jsonb NOT NULL,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "billing_webhook_events_status_valid" CHECK ("billing_webhook_events"."status" in ('received', 'processed', 'ignored', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "workspaces" DROP CONSTRAINT "workspaces_plan_valid";--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "seats" integer;--> statement-breakpoint
ALTER TABLE "billing_credit_grants" ADD CONSTRAINT "billing_credit_grants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_credit_grants" ADD CONSTRAINT "billing_credit_grants_intent_id_billing_intents_id_fk" FOREIGN KEY ("intent_id") REFERENCES "public"."billing_intents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_credit_grants" ADD CONSTRAINT "billing_credit_grants_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_customers" ADD CONSTRAINT "billing_customers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_intents" ADD CONSTRAINT "billing_intents_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_intents" ADD CONSTRAINT "billing_intents_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_subscriptions" ADD CONSTRAINT "billing_subscriptions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_usage_periods" ADD CONSTRAINT "billing_usage_periods_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "billing_webhook_events" ADD CONSTRAINT "billing_webhook_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "billing_credit_grants_intent_id_unique" ON "billing_credit_grants" USING btree ("intent_id");--> statement-breakpoint
CREATE INDEX "billing_credit_grants_workspace_id_idx" ON "billing_credit_grants" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "billing_credit_grants_granted_by_idx" ON "billing_credit_grants" USING btree ("granted_by");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_customers_stripe_customer_id_unique" ON "billing_customers" USING btree ("stripe_customer_id");--> statement-breakpoint
CREATE INDEX "billing_intents_workspace_id_id_idx" ON "billing_intents" USING btree ("workspace_id","id");--> statement-breakpoint
CREATE INDEX "billing_intents_pending_idx" ON "billing_intents" USING btree ("next_attempt_at") WHERE "billing_intents"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "billing_intents_actor_user_id_idx" ON "billing_intents" USING btree ("actor_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_intents_one_pending_change" ON "billing_intents" USING btree ("workspace_id") WHERE "billing_intents"."status" = 'pending' and "billing_intents"."kind" in ('change_subscription', 'cancel', 'resume');--> statement-breakpoint
CREATE UNIQUE INDEX "billing_subscriptions_stripe_subscription_id_unique" ON "billing_subscriptions" USING btree ("stripe_subscription_id");--> statement-breakpoint
CREATE INDEX "billing_subscriptions_status_grace_idx" ON "billing_subscriptions" USING btree ("status","grace_ends_at");--> statement-breakpoint
CREATE INDEX "billing_webhook_events_workspace_id_idx" ON "billing_webhook_events" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "billing_webhook_events_unprocessed_idx" ON "billing_webhook_events" USING btree ("created_at") WHERE "billing_webhook_events"."status" = 'received';--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_seats_positive" CHECK ("workspaces"."seats" is null or "workspaces"."seats" > 0);--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_plan_valid" CHECK ("workspaces"."plan" in ('free', 'pro', 'team'));