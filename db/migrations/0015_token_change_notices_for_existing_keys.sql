-- Role links announce a change only for a key whose row this transaction has not written: a key it
-- inserted has nothing cached anywhere yet (its creation's notice arrived after a first
-- verification had cached it, and dropped it again), and a key it updated was announced by that
-- update. Any update of a key's row but bookkeeping is announced, updated_at included, so an
-- operation's write always speaks for its role changes.
CREATE OR REPLACE FUNCTION keygate_announce_token_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key_id text;
BEGIN
  IF TG_TABLE_NAME = 'api_access' THEN
    PERFORM pg_notify('keygate_api_access', OLD.id);
  ELSIF TG_TABLE_NAME = 'api_access_roles' THEN
    key_id := CASE WHEN TG_OP = 'INSERT' THEN NEW.api_access_id ELSE OLD.api_access_id END;
    IF NOT EXISTS (
      SELECT 1 FROM api_access WHERE id = key_id AND xmin::text = (txid_current() % 4294967296)::text
    ) THEN
      PERFORM pg_notify('keygate_api_access', key_id);
    END IF;
  ELSE
    PERFORM pg_notify('keygate_api_access', '*');
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER api_access_token_change_updated ON "api_access";--> statement-breakpoint
CREATE TRIGGER api_access_token_change_updated AFTER UPDATE ON "api_access" FOR EACH ROW
  WHEN (current_setting('keygate.bookkeeping', true) IS DISTINCT FROM 'on'
    AND (to_jsonb(OLD) - '{last_used_at,notice_check_at}'::text[]) IS DISTINCT FROM (to_jsonb(NEW) - '{last_used_at,notice_check_at}'::text[]))
  EXECUTE FUNCTION keygate_announce_token_change();
