CREATE TABLE "item_counters" (
	"project_id" uuid NOT NULL,
	"annotation_count" integer NOT NULL,
	"shard" integer NOT NULL,
	"items" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "item_counters_project_id_annotation_count_shard_pk" PRIMARY KEY("project_id","annotation_count","shard")
);
--> statement-breakpoint
DROP INDEX "skips_project_idx";--> statement-breakpoint
ALTER TABLE "item_counters" ADD CONSTRAINT "item_counters_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
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
  SELECT project_id, annotation_count, 0, count(*) FROM items GROUP BY 1, 2;
