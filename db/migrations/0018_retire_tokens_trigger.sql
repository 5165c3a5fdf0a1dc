-- SPEC §7 retired tokens: the database records every token that stops working by regeneration or
-- deletion, so no code path that replaces or deletes a token (single or bulk delete, regenerate,
-- the seed's --force) can forget it. A token kept through a rotation grace period is recorded at
-- the regeneration with retired_at = the grace end; ending the grace early (a second
-- regeneration, disabling, a leak report, deletion) moves retired_at to now. Entries are purged
-- 90 days after retired_at (lib/api-access/retired-tokens.ts).
CREATE FUNCTION keygate_retire_tokens() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO retired_tokens (token_digest, api_access_id, access_name, reason, retired_at)
      VALUES (OLD.token_digest, OLD.id, OLD.name, 'deleted', now())
      ON CONFLICT (token_digest) DO UPDATE SET retired_at = least(retired_tokens.retired_at, excluded.retired_at);
    IF OLD.previous_token_digest IS NOT NULL THEN
      UPDATE retired_tokens SET retired_at = least(retired_at, now()) WHERE token_digest = OLD.previous_token_digest;
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.token_digest IS DISTINCT FROM OLD.token_digest THEN
    INSERT INTO retired_tokens (token_digest, api_access_id, access_name, reason, retired_at)
      VALUES (OLD.token_digest, OLD.id, OLD.name, 'regenerated',
        CASE WHEN NEW.previous_token_digest = OLD.token_digest THEN greatest(now(), NEW.previous_token_expires_at) ELSE now() END)
      ON CONFLICT (token_digest) DO NOTHING;
  END IF;
  IF OLD.previous_token_digest IS NOT NULL AND (
    NEW.previous_token_digest IS DISTINCT FROM OLD.previous_token_digest
    OR NEW.previous_token_expires_at < OLD.previous_token_expires_at
  ) THEN
    UPDATE retired_tokens
      SET retired_at = least(retired_at, CASE WHEN NEW.previous_token_digest = OLD.previous_token_digest THEN NEW.previous_token_expires_at ELSE now() END)
      WHERE token_digest = OLD.previous_token_digest;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER api_access_retire_tokens_updated BEFORE UPDATE OF token_digest, previous_token_digest, previous_token_expires_at ON "api_access"
  FOR EACH ROW EXECUTE FUNCTION keygate_retire_tokens();--> statement-breakpoint
CREATE TRIGGER api_access_retire_tokens_deleted BEFORE DELETE ON "api_access" FOR EACH ROW EXECUTE FUNCTION keygate_retire_tokens();
