-- Every usage flush rewrites api_access.last_used_at and api_access_usage.count, neither indexed:
-- free space in each page lets PostgreSQL update those rows in place (HOT), without touching
-- the tables' indexes. Applies to pages written from now on.
ALTER TABLE "api_access" SET (fillfactor = 80);--> statement-breakpoint
ALTER TABLE "api_access_usage" SET (fillfactor = 80);
