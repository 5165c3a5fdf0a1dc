CREATE TABLE "api_access" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"type" text DEFAULT 'API_KEY' NOT NULL,
	"token_digest" text NOT NULL,
	"token_start" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_kind" text NOT NULL,
	"created_by_id" text NOT NULL,
	"created_by_name" text NOT NULL,
	"author_user_id" uuid,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_access_roles" (
	"api_access_id" text NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "api_access_roles_api_access_id_role_id_pk" PRIMARY KEY("api_access_id","role_id")
);
--> statement-breakpoint
ALTER TABLE "api_access" ADD CONSTRAINT "api_access_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_access_roles" ADD CONSTRAINT "api_access_roles_api_access_id_api_access_id_fk" FOREIGN KEY ("api_access_id") REFERENCES "public"."api_access"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_access_roles" ADD CONSTRAINT "api_access_roles_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_access_name_lower_key" ON "api_access" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "api_access_token_digest_key" ON "api_access" USING btree ("token_digest");--> statement-breakpoint
CREATE INDEX "api_access_expires_at_idx" ON "api_access" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "api_access_created_at_idx" ON "api_access" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "api_access_tags_idx" ON "api_access" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "api_access_roles_role_idx" ON "api_access_roles" USING btree ("role_id");