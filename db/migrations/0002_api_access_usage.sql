CREATE TABLE "api_access_usage" (
	"api_access_id" text NOT NULL,
	"day" date NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "api_access_usage_api_access_id_day_pk" PRIMARY KEY("api_access_id","day")
);
--> statement-breakpoint
ALTER TABLE "api_access_usage" ADD CONSTRAINT "api_access_usage_api_access_id_api_access_id_fk" FOREIGN KEY ("api_access_id") REFERENCES "public"."api_access"("id") ON DELETE cascade ON UPDATE no action;