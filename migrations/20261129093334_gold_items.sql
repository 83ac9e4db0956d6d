CREATE TABLE "gold_answers" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "item_slots_open_fill_idx";--> statement-breakpoint
DROP INDEX "item_slots_open_position_idx";--> statement-breakpoint
DROP INDEX "item_slots_open_shuffle_idx";--> statement-breakpoint
ALTER TABLE "item_slots" ADD COLUMN "gold" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "project_members" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_members" ADD COLUMN "paused_reason" text;--> statement-breakpoint
ALTER TABLE "gold_answers" ADD CONSTRAINT "gold_answers_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gold_answers" ADD CONSTRAINT "gold_answers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gold_answers" ADD CONSTRAINT "gold_answers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gold_answers_project_idx" ON "gold_answers" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "item_slots_open_fill_idx" ON "item_slots" USING btree ("project_id","item_fill" DESC NULLS LAST,"item_position","slot_no") WHERE "item_slots"."annotation_id" is null and not "item_slots"."gold";--> statement-breakpoint
CREATE INDEX "item_slots_open_position_idx" ON "item_slots" USING btree ("project_id","item_position","slot_no") WHERE "item_slots"."annotation_id" is null and not "item_slots"."gold";--> statement-breakpoint
CREATE INDEX "item_slots_open_shuffle_idx" ON "item_slots" USING btree ("project_id","shuffle_key") WHERE "item_slots"."annotation_id" is null and not "item_slots"."gold";--> statement-breakpoint
-- Projects created before gold settings existed get the defaults of goldSettingsSchema (rate 0: no gold served).
UPDATE "projects" SET "settings" = "settings" || '{"gold": {"rate": 0, "minAccuracy": 0.7, "minAnswers": 5, "autoPause": false}}'::jsonb WHERE NOT ("settings" ? 'gold');
