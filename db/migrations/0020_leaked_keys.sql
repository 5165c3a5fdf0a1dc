ALTER TABLE "api_access" ADD COLUMN "leaked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_access" ADD COLUMN "leak_source" text;--> statement-breakpoint
ALTER TABLE "api_access" ADD COLUMN "leak_url" text;