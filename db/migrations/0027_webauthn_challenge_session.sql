-- Challenges live 5 minutes and have no session to give them: ceremonies under way at the upgrade start again.
DELETE FROM "webauthn_challenges";--> statement-breakpoint
ALTER TABLE "webauthn_challenges" ADD COLUMN "session_id" text NOT NULL;--> statement-breakpoint
ALTER TABLE "webauthn_challenges" DROP CONSTRAINT "webauthn_challenges_user_id_purpose_pk";--> statement-breakpoint
ALTER TABLE "webauthn_challenges" ADD CONSTRAINT "webauthn_challenges_user_id_purpose_session_id_pk" PRIMARY KEY("user_id","purpose","session_id");
