ALTER TABLE "realtime_events" ADD COLUMN "snap" "pg_snapshot" DEFAULT pg_current_snapshot() NOT NULL;--> statement-breakpoint
ALTER TABLE "realtime_events" DROP COLUMN "snap_xmin";