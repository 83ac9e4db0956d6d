-- Before this index, an annotator could keep stale 'active' leases (expired, slot not yet taken over) beside a newer
-- one. Keep the newest active lease per annotator and project; the older ones were already past their expiry.
UPDATE "leases" SET "state" = 'expired'
WHERE "state" = 'active' AND "id" NOT IN (
  SELECT DISTINCT ON ("project_id", "user_id") "id" FROM "leases"
  WHERE "state" = 'active'
  ORDER BY "project_id", "user_id", "created_at" DESC, "id" DESC
);--> statement-breakpoint
CREATE UNIQUE INDEX "leases_one_active_idx" ON "leases" USING btree ("project_id","user_id") WHERE "leases"."state" = 'active';
