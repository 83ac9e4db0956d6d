CREATE TABLE "import_staging_outputs" (
	"job_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"output_id" text NOT NULL,
	"model" text,
	"content" text NOT NULL,
	"position" integer NOT NULL,
	"score" double precision
);
--> statement-breakpoint
ALTER TABLE "import_staging" ADD COLUMN "item_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staging" ADD COLUMN "output_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staging_outputs" ADD CONSTRAINT "import_staging_outputs_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leases_one_prepared_idx" ON "leases" USING btree ("project_id","user_id") WHERE "leases"."state" = 'prepared';--> statement-breakpoint
ALTER TABLE "import_staging" DROP COLUMN "outputs";--> statement-breakpoint
-- custom SQL below (keep when regenerating)
-- Staged outputs are scratch data like import_staging: written without WAL (a crash may lose them; their job is then
-- reported failed).
ALTER TABLE "import_staging_outputs" SET UNLOGGED;
