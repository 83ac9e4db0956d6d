CREATE TABLE "item_selection_scores" (
	"item_id" uuid NOT NULL,
	"source" text NOT NULL,
	"project_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_selection_scores_item_id_source_pk" PRIMARY KEY("item_id","source")
);
--> statement-breakpoint
ALTER TABLE "item_slots" ADD COLUMN "selection_score" double precision;--> statement-breakpoint
ALTER TABLE "item_outputs" ADD COLUMN "score" double precision;--> statement-breakpoint
ALTER TABLE "item_selection_scores" ADD CONSTRAINT "item_selection_scores_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_selection_scores" ADD CONSTRAINT "item_selection_scores_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_selection_scores_project_idx" ON "item_selection_scores" USING btree ("project_id","source","score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "item_slots_open_selection_idx" ON "item_slots" USING btree ("project_id","selection_score" DESC NULLS LAST,"item_fill" DESC NULLS LAST,"item_position","slot_no") WHERE "item_slots"."annotation_id" is null and not "item_slots"."gold";