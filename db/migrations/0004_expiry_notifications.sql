CREATE TABLE "expiry_notice_deliveries" (
	"notice_id" uuid NOT NULL,
	"email_id" uuid NOT NULL,
	CONSTRAINT "expiry_notice_deliveries_notice_id_email_id_pk" PRIMARY KEY("notice_id","email_id")
);
--> statement-breakpoint
CREATE TABLE "expiry_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"api_access_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"threshold" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"planned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "expiry_notices_once" UNIQUE("api_access_id","expires_at","threshold")
);
--> statement-breakpoint
CREATE TABLE "notification_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"threshold" text NOT NULL,
	"recipient_user_id" uuid,
	"recipient_email" text NOT NULL,
	"recipient_name" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_id" uuid,
	"may_have_arrived" boolean DEFAULT false NOT NULL,
	"last_error" text,
	"last_attempt_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"provider_message_id" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_emails_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "api_access" ADD COLUMN "notice_check_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expiry_notice_deliveries" ADD CONSTRAINT "expiry_notice_deliveries_notice_id_expiry_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."expiry_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expiry_notice_deliveries" ADD CONSTRAINT "expiry_notice_deliveries_email_id_notification_emails_id_fk" FOREIGN KEY ("email_id") REFERENCES "public"."notification_emails"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expiry_notices" ADD CONSTRAINT "expiry_notices_api_access_id_api_access_id_fk" FOREIGN KEY ("api_access_id") REFERENCES "public"."api_access"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_emails" ADD CONSTRAINT "notification_emails_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "expiry_notice_deliveries_email_idx" ON "expiry_notice_deliveries" USING btree ("email_id");--> statement-breakpoint
CREATE INDEX "expiry_notices_pending_idx" ON "expiry_notices" USING btree ("planned_at") WHERE "expiry_notices"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notification_emails_due_idx" ON "notification_emails" USING btree ("next_attempt_at") WHERE "notification_emails"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "api_access_notice_check_at_idx" ON "api_access" USING btree ("notice_check_at") WHERE "api_access"."notice_check_at" is not null;--> statement-breakpoint
-- Keys that exist before notifications: the next run looks at each once (only the window it is in, if any; expiries older than 72 hours are never announced).
UPDATE "api_access" SET "notice_check_at" = now() WHERE "expires_at" > now() - interval '72 hours';
