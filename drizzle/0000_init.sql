CREATE TABLE "diagnostic_pings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "diagnostic_pings_label_length" CHECK (char_length("diagnostic_pings"."label") between 1 and 80)
);
