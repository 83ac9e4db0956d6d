CREATE TABLE "login_account_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_attempt_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"created_by" uuid,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"bytes_total" bigint,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"lines_read" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"existing" integer DEFAULT 0 NOT NULL,
	"bad_lines" integer DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "import_jobs_status_check" CHECK ("import_jobs"."status" in ('running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "import_staging" (
	"job_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"external_id" text NOT NULL,
	"conversation" jsonb NOT NULL,
	"metadata" jsonb NOT NULL,
	"outputs" jsonb NOT NULL,
	"reference" jsonb,
	"derived_id" boolean DEFAULT false NOT NULL,
	CONSTRAINT "import_staging_job_id_line_pk" PRIMARY KEY("job_id","line")
);
--> statement-breakpoint
CREATE TABLE "item_counters" (
	"project_id" uuid NOT NULL,
	"annotation_count" integer NOT NULL,
	"shard" integer NOT NULL,
	"items" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "item_counters_project_id_annotation_count_shard_pk" PRIMARY KEY("project_id","annotation_count","shard")
);
--> statement-breakpoint
CREATE TABLE "workspace_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "workspace_invitations_role_check" CHECK ("workspace_invitations"."role" in ('owner', 'admin', 'member'))
);
--> statement-breakpoint
DROP INDEX "skips_project_idx";--> statement-breakpoint
ALTER TABLE "item_outputs" ADD COLUMN "blind_id" text DEFAULT gen_random_uuid()::text NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_staging" ADD CONSTRAINT "import_staging_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_counters" ADD CONSTRAINT "item_counters_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_invitations" ADD CONSTRAINT "workspace_invitations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_invitations" ADD CONSTRAINT "workspace_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_jobs_project_idx" ON "import_jobs" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "import_staging_job_external_idx" ON "import_staging" USING btree ("job_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workspace_invitations_workspace_email_idx" ON "workspace_invitations" USING btree ("workspace_id","email");--> statement-breakpoint
CREATE INDEX "workspace_invitations_email_idx" ON "workspace_invitations" USING btree ("email");--> statement-breakpoint
CREATE INDEX "item_slots_lease_user_idx" ON "item_slots" USING btree ("lease_user_id") WHERE "item_slots"."annotation_id" is null and "item_slots"."lease_user_id" is not null;--> statement-breakpoint
CREATE INDEX "item_slots_live_lease_idx" ON "item_slots" USING btree ("project_id","lease_expires_at") WHERE "item_slots"."annotation_id" is null and "item_slots"."lease_expires_at" is not null;--> statement-breakpoint
CREATE INDEX "skips_user_idx" ON "skips" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "items_project_count_position_idx" ON "items" USING btree ("project_id","annotation_count","position");--> statement-breakpoint
CREATE INDEX "reviews_item_idx" ON "reviews" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "skips_project_idx" ON "skips" USING btree ("project_id","created_at");--> statement-breakpoint
-- custom SQL below (keep when regenerating)
-- item_counters is kept by statement triggers on items (one counter write per statement, not per row: an import of a
-- million rows adds one row per annotation count). Shards: concurrent submits pick one of 8 rows per count at random,
-- so they rarely queue on one row; imports and deletes write shards 8-15, so a long import transaction never holds a
-- row a submit needs. Rows are written in count order (no deadlock between two statements). Rows of a project being
-- deleted are not written (its counters go with it).
CREATE FUNCTION item_counters_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pick int := floor(random() * 8)::int;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO item_counters AS c (project_id, annotation_count, shard, items)
      SELECT n.project_id, n.annotation_count, pick + 8, count(*) FROM new_items n
      WHERE EXISTS (SELECT 1 FROM projects p WHERE p.id = n.project_id)
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (project_id, annotation_count, shard) DO UPDATE SET items = c.items + excluded.items;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO item_counters AS c (project_id, annotation_count, shard, items)
      SELECT o.project_id, o.annotation_count, pick + 8, -count(*) FROM old_items o
      WHERE EXISTS (SELECT 1 FROM projects p WHERE p.id = o.project_id)
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (project_id, annotation_count, shard) DO UPDATE SET items = c.items + excluded.items;
  ELSE
    INSERT INTO item_counters AS c (project_id, annotation_count, shard, items)
      SELECT d.project_id, d.annotation_count, pick, sum(d.n) FROM (
        SELECT project_id, annotation_count, 1 AS n FROM new_items
        UNION ALL
        SELECT project_id, annotation_count, -1 AS n FROM old_items
      ) d
      WHERE EXISTS (SELECT 1 FROM projects p WHERE p.id = d.project_id)
      GROUP BY 1, 2 HAVING sum(d.n) <> 0 ORDER BY 1, 2
      ON CONFLICT (project_id, annotation_count, shard) DO UPDATE SET items = c.items + excluded.items;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER items_counters_insert AFTER INSERT ON items REFERENCING NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION item_counters_apply();--> statement-breakpoint
CREATE TRIGGER items_counters_delete AFTER DELETE ON items REFERENCING OLD TABLE AS old_items
  FOR EACH STATEMENT EXECUTE FUNCTION item_counters_apply();--> statement-breakpoint
CREATE TRIGGER items_counters_update AFTER UPDATE ON items REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items
  FOR EACH STATEMENT EXECUTE FUNCTION item_counters_apply();--> statement-breakpoint
INSERT INTO item_counters (project_id, annotation_count, shard, items)
  SELECT project_id, annotation_count, 0, count(*) FROM items GROUP BY 1, 2;--> statement-breakpoint
-- Staged import lines are scratch data: written without WAL (a crash may lose them; their job is then reported failed).
ALTER TABLE "import_staging" SET UNLOGGED;
