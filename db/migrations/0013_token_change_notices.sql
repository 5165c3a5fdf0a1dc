-- Every change a cached token could depend on is announced by the database itself, on commit, to
-- every instance (LISTEN keygate_api_access): a write that forgets to invalidate the token cache
-- cannot be written. Payload: the Access ID, or '*' when every key may be affected (a role's
-- grants). Writes that only keep books (usage counts, the notice planner) set
-- keygate.bookkeeping = 'on' for their transaction and are not announced; any other change of a
-- key's row is, whichever column it touches, so a new column cannot be forgotten here either.
CREATE FUNCTION keygate_announce_token_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'api_access' THEN
    PERFORM pg_notify('keygate_api_access', OLD.id);
  ELSIF TG_TABLE_NAME = 'api_access_roles' THEN
    PERFORM pg_notify('keygate_api_access', CASE WHEN TG_OP = 'INSERT' THEN NEW.api_access_id ELSE OLD.api_access_id END);
  ELSE
    PERFORM pg_notify('keygate_api_access', '*');
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER api_access_token_change_updated AFTER UPDATE ON "api_access" FOR EACH ROW
  WHEN (current_setting('keygate.bookkeeping', true) IS DISTINCT FROM 'on'
    AND (to_jsonb(OLD) - '{last_used_at,updated_at,notice_check_at}'::text[]) IS DISTINCT FROM (to_jsonb(NEW) - '{last_used_at,updated_at,notice_check_at}'::text[]))
  EXECUTE FUNCTION keygate_announce_token_change();--> statement-breakpoint
CREATE TRIGGER api_access_token_change_deleted AFTER DELETE ON "api_access" FOR EACH ROW EXECUTE FUNCTION keygate_announce_token_change();--> statement-breakpoint
CREATE TRIGGER api_access_roles_token_change AFTER INSERT OR DELETE ON "api_access_roles" FOR EACH ROW EXECUTE FUNCTION keygate_announce_token_change();--> statement-breakpoint
CREATE TRIGGER roles_token_change_updated AFTER UPDATE ON "roles" FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'updated_at') IS DISTINCT FROM (to_jsonb(NEW) - 'updated_at'))
  EXECUTE FUNCTION keygate_announce_token_change();--> statement-breakpoint
CREATE TRIGGER roles_token_change_deleted AFTER DELETE ON "roles" FOR EACH ROW EXECUTE FUNCTION keygate_announce_token_change();
