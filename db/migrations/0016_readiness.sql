-- GET /api/ready asks whether every migration the running code ships is applied. Drizzle's journal
-- (schema drizzle) is the owner's alone; this function, defined by the owner, answers the one
-- question it needs (the newest applied migration's journal time) to the role the app runs as.
CREATE FUNCTION keygate_newest_migration_at() RETURNS bigint
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
  AS $$ SELECT max(created_at) FROM drizzle.__drizzle_migrations $$;
