CREATE TABLE "api_access_usage_totals" (
	"day" date PRIMARY KEY NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- What the per-key counts already hold.
INSERT INTO api_access_usage_totals (day, count) SELECT day, sum(count) FROM api_access_usage GROUP BY day;
