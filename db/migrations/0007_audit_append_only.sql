CREATE INDEX "audit_logs_target_idx" ON "audit_logs" USING btree ("target_type","target_id","id");--> statement-breakpoint
-- The audit log is append-only for everyone, the database role Keygate runs as included: rows
-- can be inserted, never changed or removed (a superuser could still drop the trigger; that is
-- outside what the app can do).
CREATE FUNCTION keygate_audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit log is append-only: % is refused.', TG_OP USING ERRCODE = '42501';
END
$$;--> statement-breakpoint
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON "audit_logs" FOR EACH ROW EXECUTE FUNCTION keygate_audit_logs_append_only();--> statement-breakpoint
CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON "audit_logs" FOR EACH STATEMENT EXECUTE FUNCTION keygate_audit_logs_append_only();
