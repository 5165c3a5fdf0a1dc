CREATE TABLE "retired_tokens" (
	"token_digest" text PRIMARY KEY NOT NULL,
	"api_access_id" text NOT NULL,
	"access_name" text NOT NULL,
	"reason" text NOT NULL,
	"retired_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_access" ADD COLUMN "previous_token_digest" text;--> statement-breakpoint
ALTER TABLE "api_access" ADD COLUMN "previous_token_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "retired_tokens_retired_at_idx" ON "retired_tokens" USING btree ("retired_at");--> statement-breakpoint
CREATE UNIQUE INDEX "api_access_previous_token_digest_key" ON "api_access" USING btree ("previous_token_digest") WHERE "api_access"."previous_token_digest" is not null;