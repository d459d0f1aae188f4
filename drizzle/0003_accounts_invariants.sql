-- Invariants the application must not be trusted to keep on its own.

-- Every workspace keeps at least one owner. Deferred to commit, so a transfer
-- (promote the new owner, demote the old) can pass through an intermediate state.
CREATE FUNCTION workspace_must_have_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ws uuid;
BEGIN
  IF TG_TABLE_NAME = 'workspaces' THEN
    ws := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    ws := OLD.workspace_id;
  ELSE
    IF NEW.workspace_id IS DISTINCT FROM OLD.workspace_id THEN
      RAISE EXCEPTION 'a membership cannot move between workspaces';
    END IF;
    ws := NEW.workspace_id;
  END IF;
  IF EXISTS (SELECT 1 FROM workspaces WHERE id = ws)
     AND NOT EXISTS (SELECT 1 FROM memberships WHERE workspace_id = ws AND role = 'owner') THEN
    RAISE EXCEPTION 'workspace % must keep at least one owner', ws USING ERRCODE = '23514', CONSTRAINT = 'workspace_has_owner';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER memberships_keep_an_owner
  AFTER UPDATE OR DELETE ON memberships
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION workspace_must_have_owner();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER workspaces_created_with_an_owner
  AFTER INSERT ON workspaces
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION workspace_must_have_owner();
--> statement-breakpoint
-- Security and audit logs are append-only: rows can be added and (by retention) removed, never edited.
CREATE FUNCTION refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER security_events_append_only BEFORE UPDATE ON security_events FOR EACH ROW EXECUTE FUNCTION refuse_update();
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_update();
