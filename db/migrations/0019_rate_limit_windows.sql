CREATE TABLE "rate_limit_windows" (
	"api_access_id" text NOT NULL,
	"window_start_ms" bigint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "rate_limit_windows_api_access_id_window_start_ms_pk" PRIMARY KEY("api_access_id","window_start_ms")
);
