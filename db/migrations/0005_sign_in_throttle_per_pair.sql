DROP INDEX "sign_in_failures_email_idx";--> statement-breakpoint
CREATE INDEX "sign_in_failures_ip_email_idx" ON "sign_in_failures" USING btree ("ip","email","at");--> statement-breakpoint
CREATE INDEX "sign_in_failures_at_idx" ON "sign_in_failures" USING btree ("at");