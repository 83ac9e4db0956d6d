DROP INDEX "skips_project_idx";--> statement-breakpoint
DROP INDEX "export_jobs_project_idx";--> statement-breakpoint
DROP INDEX "gold_answers_project_idx";--> statement-breakpoint
DROP INDEX "import_jobs_project_idx";--> statement-breakpoint
CREATE INDEX "skips_project_idx" ON "skips" USING btree ("project_id","created_at","item_id","user_id");--> statement-breakpoint
CREATE INDEX "export_jobs_project_idx" ON "export_jobs" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "gold_answers_project_idx" ON "gold_answers" USING btree ("project_id","created_at","item_id");--> statement-breakpoint
CREATE INDEX "import_jobs_project_idx" ON "import_jobs" USING btree ("project_id","created_at","id");