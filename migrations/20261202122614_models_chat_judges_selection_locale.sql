CREATE TABLE "item_selection_scores" (
	"item_id" uuid NOT NULL,
	"source" text NOT NULL,
	"project_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_selection_scores_item_id_source_pk" PRIMARY KEY("item_id","source")
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"parent_id" uuid,
	"role" text NOT NULL,
	"source" text NOT NULL,
	"content" text NOT NULL,
	"turn_no" integer NOT NULL,
	"slot_no" integer,
	"state" text DEFAULT 'done' NOT NULL,
	"superseded" boolean DEFAULT false NOT NULL,
	"provenance" jsonb,
	"error" jsonb,
	"edited_from_id" uuid,
	"edit_diff" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "chat_messages_role_check" CHECK ("chat_messages"."role" in ('system', 'user', 'assistant'))
);
--> statement-breakpoint
CREATE TABLE "chat_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"candidates" jsonb NOT NULL,
	"system_prompt" text NOT NULL,
	"turn_limit" integer NOT NULL,
	"token_budget" integer NOT NULL,
	"time_budget_minutes" double precision NOT NULL,
	"tokens_used" integer DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "chat_sessions_item_user_unique" UNIQUE("item_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "chat_turns" (
	"session_id" uuid NOT NULL,
	"turn_no" integer NOT NULL,
	"user_message_id" uuid NOT NULL,
	"display_order" jsonb NOT NULL,
	"draft_answers" jsonb,
	"draft_edit" text,
	"answers" jsonb,
	"chosen_message_id" uuid,
	"edit_message_id" uuid,
	"completed_at" timestamp with time zone,
	CONSTRAINT "chat_turns_session_turn_unique" UNIQUE("session_id","turn_no")
);
--> statement-breakpoint
CREATE TABLE "judge_answers" (
	"judge_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"display_order" jsonb NOT NULL,
	"model" text NOT NULL,
	"latency_ms" integer NOT NULL,
	"prompt_tokens" integer,
	"completion_tokens" integer,
	"template_version" integer NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "judge_answers_judge_id_item_id_pk" PRIMARY KEY("judge_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "judge_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"created_by" uuid,
	"judge_ids" jsonb NOT NULL,
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
	CONSTRAINT "judge_jobs_status_check" CHECK ("judge_jobs"."status" in ('running', 'done', 'cancelled', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "judge_suggestion_settings" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"judge_id" uuid,
	"seed" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "judge_tasks" (
	"job_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "judge_tasks_job_id_item_id_judge_id_pk" PRIMARY KEY("job_id","item_id","judge_id")
);
--> statement-breakpoint
CREATE TABLE "judges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"connection_id" uuid NOT NULL,
	"params" jsonb NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "judges_project_name_unique" UNIQUE("project_id","name")
);
--> statement-breakpoint
CREATE TABLE "suggestion_exposures" (
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"judge_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"arm" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suggestion_exposures_item_id_user_id_pk" PRIMARY KEY("item_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "generation_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"created_by" uuid,
	"status" text DEFAULT 'running' NOT NULL,
	"connection_ids" jsonb NOT NULL,
	"samples_per_item" integer NOT NULL,
	"choices_per_call" integer DEFAULT 1 NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"concurrency" integer NOT NULL,
	"max_attempts" integer NOT NULL,
	"samples_total" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "generation_jobs_status_check" CHECK ("generation_jobs"."status" in ('running', 'done', 'cancelled', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "generation_samples" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"connection_id" uuid NOT NULL,
	"sample_index" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"not_before" timestamp with time zone,
	"claim_token" uuid,
	"claimed_until" timestamp with time zone,
	"error" text,
	"output_id" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "generation_samples_item_connection_index_unique" UNIQUE("item_id","connection_id","sample_index"),
	CONSTRAINT "generation_samples_status_check" CHECK ("generation_samples"."status" in ('pending', 'running', 'done', 'failed', 'skipped', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "model_connections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"model" text NOT NULL,
	"api_key_encrypted" text,
	"default_params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "model_connections_workspace_name_unique" UNIQUE NULLS NOT DISTINCT("workspace_id","name")
);
--> statement-breakpoint
ALTER TABLE "projects" DROP CONSTRAINT "projects_kind_check";--> statement-breakpoint
DROP INDEX "skips_project_idx";--> statement-breakpoint
DROP INDEX "export_jobs_project_idx";--> statement-breakpoint
DROP INDEX "gold_answers_project_idx";--> statement-breakpoint
DROP INDEX "import_jobs_project_idx";--> statement-breakpoint
ALTER TABLE "item_slots" ADD COLUMN "selection_score" double precision;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "item_outputs" ADD COLUMN "score" double precision;--> statement-breakpoint
ALTER TABLE "item_outputs" ADD COLUMN "provenance" jsonb;--> statement-breakpoint
ALTER TABLE "item_selection_scores" ADD CONSTRAINT "item_selection_scores_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_selection_scores" ADD CONSTRAINT "item_selection_scores_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_parent_id_chat_messages_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."chat_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_edited_from_id_chat_messages_id_fk" FOREIGN KEY ("edited_from_id") REFERENCES "public"."chat_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_sessions" ADD CONSTRAINT "chat_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_turns" ADD CONSTRAINT "chat_turns_session_id_chat_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."chat_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_turns" ADD CONSTRAINT "chat_turns_user_message_id_chat_messages_id_fk" FOREIGN KEY ("user_message_id") REFERENCES "public"."chat_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_turns" ADD CONSTRAINT "chat_turns_chosen_message_id_chat_messages_id_fk" FOREIGN KEY ("chosen_message_id") REFERENCES "public"."chat_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_turns" ADD CONSTRAINT "chat_turns_edit_message_id_chat_messages_id_fk" FOREIGN KEY ("edit_message_id") REFERENCES "public"."chat_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_answers" ADD CONSTRAINT "judge_answers_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_answers" ADD CONSTRAINT "judge_answers_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_answers" ADD CONSTRAINT "judge_answers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_jobs" ADD CONSTRAINT "judge_jobs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_jobs" ADD CONSTRAINT "judge_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_suggestion_settings" ADD CONSTRAINT "judge_suggestion_settings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_suggestion_settings" ADD CONSTRAINT "judge_suggestion_settings_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_tasks" ADD CONSTRAINT "judge_tasks_job_id_judge_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."judge_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_tasks" ADD CONSTRAINT "judge_tasks_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judge_tasks" ADD CONSTRAINT "judge_tasks_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "judges" ADD CONSTRAINT "judges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_exposures" ADD CONSTRAINT "suggestion_exposures_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_exposures" ADD CONSTRAINT "suggestion_exposures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_exposures" ADD CONSTRAINT "suggestion_exposures_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_exposures" ADD CONSTRAINT "suggestion_exposures_judge_id_judges_id_fk" FOREIGN KEY ("judge_id") REFERENCES "public"."judges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_jobs" ADD CONSTRAINT "generation_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_samples" ADD CONSTRAINT "generation_samples_job_id_generation_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."generation_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_samples" ADD CONSTRAINT "generation_samples_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_samples" ADD CONSTRAINT "generation_samples_connection_id_model_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."model_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_connections" ADD CONSTRAINT "model_connections_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_connections" ADD CONSTRAINT "model_connections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_selection_scores_project_idx" ON "item_selection_scores" USING btree ("project_id","source","score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "chat_messages_session_idx" ON "chat_messages" USING btree ("session_id","turn_no");--> statement-breakpoint
CREATE INDEX "chat_sessions_project_idx" ON "chat_sessions" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "judge_answers_project_idx" ON "judge_answers" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "judge_jobs_project_idx" ON "judge_jobs" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "judge_tasks_job_state_idx" ON "judge_tasks" USING btree ("job_id","state");--> statement-breakpoint
CREATE INDEX "suggestion_exposures_project_idx" ON "suggestion_exposures" USING btree ("project_id","mode");--> statement-breakpoint
CREATE INDEX "generation_jobs_project_idx" ON "generation_jobs" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "generation_samples_job_status_idx" ON "generation_samples" USING btree ("job_id","status");--> statement-breakpoint
CREATE INDEX "generation_samples_job_pending_idx" ON "generation_samples" USING btree ("job_id","item_id","connection_id","sample_index") WHERE "generation_samples"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "item_slots_open_selection_idx" ON "item_slots" USING btree ("project_id","selection_score" DESC NULLS LAST,"item_fill" DESC NULLS LAST,"item_position","slot_no") WHERE "item_slots"."annotation_id" is null and not "item_slots"."gold";--> statement-breakpoint
CREATE INDEX "skips_project_idx" ON "skips" USING btree ("project_id","created_at","item_id","user_id");--> statement-breakpoint
CREATE INDEX "export_jobs_project_idx" ON "export_jobs" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "gold_answers_project_idx" ON "gold_answers" USING btree ("project_id","created_at","item_id");--> statement-breakpoint
CREATE INDEX "import_jobs_project_idx" ON "import_jobs" USING btree ("project_id","created_at","id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_locale_check" CHECK ("users"."locale" in ('en', 'zh-CN'));--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_kind_check" CHECK ("projects"."kind" in ('demonstration', 'ranking', 'chat'));