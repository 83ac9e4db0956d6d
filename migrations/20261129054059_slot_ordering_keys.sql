DROP INDEX "item_slots_open_idx";--> statement-breakpoint
ALTER TABLE "item_slots" ADD COLUMN "item_fill" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "item_slots" ADD COLUMN "item_position" bigint;--> statement-breakpoint
UPDATE "item_slots" s SET "item_position" = i."position", "item_fill" = i."annotation_count" FROM "items" i WHERE i."id" = s."item_id";--> statement-breakpoint
ALTER TABLE "item_slots" ALTER COLUMN "item_position" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "item_slots" ADD COLUMN "shuffle_key" integer DEFAULT floor(random() * 2147483647)::int NOT NULL;--> statement-breakpoint
CREATE INDEX "item_slots_open_fill_idx" ON "item_slots" USING btree ("project_id","item_fill" DESC NULLS LAST,"item_position","slot_no") WHERE "item_slots"."annotation_id" is null;--> statement-breakpoint
CREATE INDEX "item_slots_open_position_idx" ON "item_slots" USING btree ("project_id","item_position","slot_no") WHERE "item_slots"."annotation_id" is null;--> statement-breakpoint
CREATE INDEX "item_slots_open_shuffle_idx" ON "item_slots" USING btree ("project_id","shuffle_key") WHERE "item_slots"."annotation_id" is null;