ALTER TABLE "api_access" ADD COLUMN "allowed_ips" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "api_access" ADD COLUMN "rate_limit_limit" integer;--> statement-breakpoint
ALTER TABLE "api_access" ADD COLUMN "rate_limit_window_seconds" integer;--> statement-breakpoint
ALTER TABLE "api_access" ADD CONSTRAINT "api_access_rate_limit_check" CHECK (("api_access"."rate_limit_limit" is null) = ("api_access"."rate_limit_window_seconds" is null) and coalesce("api_access"."rate_limit_limit" between 1 and 1000000, true) and coalesce("api_access"."rate_limit_window_seconds" between 1 and 86400, true));--> statement-breakpoint
ALTER TABLE "api_access" ADD CONSTRAINT "api_access_allowed_ips_check" CHECK (cardinality("api_access"."allowed_ips") <= 100);