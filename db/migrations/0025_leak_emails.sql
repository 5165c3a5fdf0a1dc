ALTER TABLE "notification_emails" ALTER COLUMN "threshold" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_emails" ADD COLUMN "kind" text DEFAULT 'expiry' NOT NULL;