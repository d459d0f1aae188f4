ALTER TABLE "api_request_log" DROP CONSTRAINT "api_request_log_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "api_request_log" DROP CONSTRAINT "api_request_log_api_key_id_api_keys_id_fk";
--> statement-breakpoint
-- What the two cascades did, without two checks on every inserted row (decision 040): a key's
-- request log goes with the key, and keys go only with their workspace. One statement per DELETE
-- on api_keys (the workspace cascade's included), however many keys it removes. The writer locks
-- a batch's keys (FOR KEY SHARE) so a key can't go between its check and its rows' commit.
CREATE FUNCTION api_request_log_drop_for_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM api_request_log WHERE api_key_id IN (SELECT id FROM gone_keys);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER api_keys_drop_request_log
  AFTER DELETE ON api_keys REFERENCING OLD TABLE AS gone_keys FOR EACH STATEMENT EXECUTE FUNCTION api_request_log_drop_for_keys();
