-- Verified keys are cached in every app process; these triggers tell all of them (LISTEN
-- api_key_cache) when a cached fact changes. NOTIFY is sent on commit, so a process never drops
-- an entry for a change that was rolled back. `last_used_at` is deliberately not watched: the
-- batched usage writer updates it every second and must not flush the caches.
CREATE FUNCTION api_key_cache_notify_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('api_key_cache', 'key ' || OLD.id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER api_keys_cache_invalidate
  AFTER UPDATE OF name, scopes, rate_limit_per_minute, expires_at, revoked_at, secret_hash, previous_secret_hash, previous_expires_at, created_by, workspace_id OR DELETE
  ON api_keys FOR EACH ROW EXECUTE FUNCTION api_key_cache_notify_key();
--> statement-breakpoint
CREATE FUNCTION api_key_cache_notify_member() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('api_key_cache', 'member ' || OLD.workspace_id::text || ' ' || OLD.user_id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_api_key_cache_invalidate
  AFTER UPDATE OF role OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION api_key_cache_notify_member();
--> statement-breakpoint
CREATE FUNCTION api_key_cache_notify_workspace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('api_key_cache', 'workspace ' || OLD.id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER workspaces_api_key_cache_invalidate
  AFTER UPDATE OF plan, slug, name OR DELETE ON workspaces FOR EACH ROW EXECUTE FUNCTION api_key_cache_notify_workspace();
