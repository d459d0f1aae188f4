-- The public API keeps pages of board post lists in each process (decision 040); these triggers
-- tell every process (LISTEN post_lists) which board's pages to drop. Votes and comments update
-- their post's counts, so the posts trigger covers them; an author's new name changes every list
-- they appear in, so a rename drops all pages. NOTIFY is sent on commit and deduplicated within
-- a transaction, so a statement touching many posts of one board sends one notification.
CREATE FUNCTION post_lists_notify_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('post_lists', 'board ' || OLD.board_id::text); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('post_lists', 'board ' || NEW.board_id::text); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER feedback_posts_post_lists_invalidate
  AFTER INSERT OR UPDATE OR DELETE ON feedback_posts FOR EACH ROW EXECUTE FUNCTION post_lists_notify_post();
--> statement-breakpoint
CREATE FUNCTION post_lists_notify_board() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('post_lists', 'board ' || OLD.id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER feedback_boards_post_lists_invalidate
  AFTER UPDATE OR DELETE ON feedback_boards FOR EACH ROW EXECUTE FUNCTION post_lists_notify_board();
--> statement-breakpoint
CREATE FUNCTION post_lists_notify_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('post_lists', 'author ' || OLD.id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_post_lists_invalidate
  AFTER UPDATE OF display_name ON users FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name) EXECUTE FUNCTION post_lists_notify_author();
