-- Admin search (docs/decisions/052-admin-search-at-scale.md): statistics on the trigrams of the
-- searched columns, so the search can look up a query's rarest part in the trigram indexes
-- (src/features/admin/server/search-needle.ts). ANALYZE (autovacuum's included) keeps each one's
-- ~1000 most common trigrams and their frequencies; no index, nothing to maintain on write.
CREATE STATISTICS IF NOT EXISTS "users_email_trgm_stats" ON (show_trgm("email")) FROM "users";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "users_display_name_trgm_stats" ON (show_trgm(lower("display_name"))) FROM "users";--> statement-breakpoint
ANALYZE "users";
