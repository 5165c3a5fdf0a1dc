CREATE TABLE "api_access_tag_counts" (
	"tag" text PRIMARY KEY NOT NULL,
	"keys" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "api_access_expires_at_idx";--> statement-breakpoint
DROP INDEX "api_access_created_at_idx";--> statement-breakpoint
CREATE INDEX "api_access_name_trgm_idx" ON "api_access" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "api_access_expires_at_idx" ON "api_access" USING btree ("expires_at","id");--> statement-breakpoint
CREATE INDEX "api_access_created_at_idx" ON "api_access" USING btree ("created_at","id");--> statement-breakpoint
-- The tag counts follow every change of api_access in the same transaction: inserts and deletes
-- once per statement (a bulk delete of 1,000 keys adds one statement, not 1,000), tag
-- edits per row, only when the tags changed (the usage flush's last_used_at updates never fire
-- it). Every statement locks count rows in tag order, so two transactions over the same tags
-- wait for each other instead of deadlocking. Rows at 0 stay and are not listed.
CREATE FUNCTION keygate_count_api_access_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO api_access_tag_counts AS counts (tag, keys)
      SELECT tag, count(*) FROM added, unnest(added.tags) AS tag GROUP BY tag ORDER BY tag
      ON CONFLICT (tag) DO UPDATE SET keys = counts.keys + excluded.keys;
  ELSE
    INSERT INTO api_access_tag_counts AS counts (tag, keys)
      SELECT tag, -count(*) FROM removed, unnest(removed.tags) AS tag GROUP BY tag ORDER BY tag
      ON CONFLICT (tag) DO UPDATE SET keys = counts.keys + excluded.keys;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE FUNCTION keygate_recount_api_access_tags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO api_access_tag_counts AS counts (tag, keys)
    SELECT tag, sum(delta) FROM (SELECT unnest(NEW.tags) AS tag, 1 AS delta UNION ALL SELECT unnest(OLD.tags), -1) AS changed
    GROUP BY tag HAVING sum(delta) <> 0 ORDER BY tag
    ON CONFLICT (tag) DO UPDATE SET keys = counts.keys + excluded.keys;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER api_access_tags_inserted AFTER INSERT ON "api_access" REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION keygate_count_api_access_tags();--> statement-breakpoint
CREATE TRIGGER api_access_tags_deleted AFTER DELETE ON "api_access" REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION keygate_count_api_access_tags();--> statement-breakpoint
CREATE TRIGGER api_access_tags_updated AFTER UPDATE OF tags ON "api_access" FOR EACH ROW WHEN (OLD.tags IS DISTINCT FROM NEW.tags) EXECUTE FUNCTION keygate_recount_api_access_tags();--> statement-breakpoint
INSERT INTO api_access_tag_counts (tag, keys) SELECT tag, count(*) FROM api_access, unnest(api_access.tags) AS tag GROUP BY tag;
