CREATE TABLE "rate_limit_windows" (
	"subject" text NOT NULL,
	"window_start_ms" bigint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_windows_subject_window_start_ms_pk" PRIMARY KEY("subject","window_start_ms")
);
