-- Admin search (docs/decisions/052-admin-search-at-scale.md): statistics on the trigrams of the
-- workspace columns the search looks in, as 0023 does for users, so a query is looked up by its
-- rarest part (src/features/admin/server/search-needle.ts). No index, nothing to maintain on write.
CREATE STATISTICS IF NOT EXISTS "workspaces_name_trgm_stats" ON (show_trgm(lower("name"))) FROM "workspaces";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "workspaces_slug_trgm_stats" ON (show_trgm("slug")) FROM "workspaces";--> statement-breakpoint
ANALYZE "workspaces";
