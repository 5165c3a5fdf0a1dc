-- "Part of the name" filters need trigram indexes; pg_trgm ships with PostgreSQL (the embedded one too) and is a trusted extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "audit_logs_target_idx";--> statement-breakpoint
CREATE INDEX "audit_logs_target_id_idx" ON "audit_logs" USING btree ("target_id","id");--> statement-breakpoint
CREATE INDEX "audit_logs_actor_id_idx" ON "audit_logs" USING btree ("actor_id","id");--> statement-breakpoint
CREATE INDEX "audit_logs_action_idx" ON "audit_logs" USING btree ("action" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "audit_logs_actor_name_trgm_idx" ON "audit_logs" USING gin ("actor_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_logs_target_name_trgm_idx" ON "audit_logs" USING gin ("target_name" gin_trgm_ops);