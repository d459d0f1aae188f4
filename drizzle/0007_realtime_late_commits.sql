ALTER TABLE "realtime_events" ADD COLUMN "tx" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "realtime_events" ADD COLUMN "snap_xmin" "xid8" DEFAULT pg_snapshot_xmin(pg_current_snapshot()) NOT NULL;--> statement-breakpoint
CREATE INDEX "realtime_events_tx_idx" ON "realtime_events" USING btree ("tx");