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
CREATE TABLE "reward_score_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"created_by" uuid,
	"connection_id" uuid NOT NULL,
	"connection_name" text NOT NULL,
	"model" text NOT NULL,
	"concurrency" integer NOT NULL,
	"max_attempts" integer NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "reward_score_jobs_status_check" CHECK ("reward_score_jobs"."status" in ('running', 'done', 'cancelled', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "reward_score_tasks" (
	"job_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "reward_score_tasks_job_id_item_id_pk" PRIMARY KEY("job_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "reward_scores" (
	"item_id" uuid NOT NULL,
	"output_id" text NOT NULL,
	"project_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"job_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"connection_name" text NOT NULL,
	"model" text NOT NULL,
	"scored_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reward_scores_item_id_output_id_pk" PRIMARY KEY("item_id","output_id")
);
--> statement-breakpoint
ALTER TABLE "import_staging" ADD COLUMN "item_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staging" ADD COLUMN "output_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_staging_outputs" ADD CONSTRAINT "import_staging_outputs_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_score_jobs" ADD CONSTRAINT "reward_score_jobs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_score_jobs" ADD CONSTRAINT "reward_score_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_score_tasks" ADD CONSTRAINT "reward_score_tasks_job_id_reward_score_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."reward_score_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_score_tasks" ADD CONSTRAINT "reward_score_tasks_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_scores" ADD CONSTRAINT "reward_scores_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_scores" ADD CONSTRAINT "reward_scores_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reward_score_jobs_project_idx" ON "reward_score_jobs" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "reward_score_tasks_job_state_idx" ON "reward_score_tasks" USING btree ("job_id","state");--> statement-breakpoint
CREATE INDEX "reward_scores_project_idx" ON "reward_scores" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leases_one_prepared_idx" ON "leases" USING btree ("project_id","user_id") WHERE "leases"."state" = 'prepared';--> statement-breakpoint
ALTER TABLE "import_staging" DROP COLUMN "outputs";--> statement-breakpoint
-- custom SQL below (keep when regenerating)
-- Staged outputs are scratch data like import_staging: written without WAL (a crash may lose them; their job is then
-- reported failed).
ALTER TABLE "import_staging_outputs" SET UNLOGGED;
