CREATE TABLE "dataset_snapshot_chunks" (
	"snapshot_id" uuid NOT NULL,
	"file" text NOT NULL,
	"seq" integer NOT NULL,
	"gzip" "bytea" NOT NULL,
	CONSTRAINT "dataset_snapshot_chunks_snapshot_id_file_seq_pk" PRIMARY KEY("snapshot_id","file","seq")
);
--> statement-breakpoint
CREATE TABLE "dataset_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"license" text NOT NULL,
	"options" jsonb NOT NULL,
	"state" text DEFAULT 'building' NOT NULL,
	"content_hash" text,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"statistics" jsonb,
	"card" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "dataset_snapshots_project_name_unique" UNIQUE("project_id","name")
);
--> statement-breakpoint
ALTER TABLE "dataset_snapshot_chunks" ADD CONSTRAINT "dataset_snapshot_chunks_snapshot_id_dataset_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."dataset_snapshots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_snapshots" ADD CONSTRAINT "dataset_snapshots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_snapshots" ADD CONSTRAINT "dataset_snapshots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;