import type { Answers } from '@feedbench/shared';
import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { type Executor, rawRows } from '../../db/client.ts';
import { annotations, goldAnswers, items, projectMembers, projects, users } from '../../db/schema/index.ts';
import type { KeysetPosition } from '../../lib/keyset.ts';

/**
 * Gold answers, and gold's read model over other modules' tables (reads only; table-ownership.ts): the annotations
 * given on gold items (scoring joins them with the reference answers, which no annotations service call offers), and
 * the paused state of project members and `settings.gold` of a project (both exist only for gold). Pausing, resuming
 * and saving `settings.gold` write the projects module's tables, so they go through its repository.
 */
export function createGoldRepository(db: Executor) {
  return {
    async findItem(itemId: string) {
      const [row] = await db
        .select({ id: items.id, projectId: items.projectId, externalId: items.externalId })
        .from(items)
        .where(eq(items.id, itemId));
      return row;
    },

    /** Marks or re-marks: new reference answers replace the old ones (scores are computed on read, so they follow). */
    async upsert(values: { itemId: string; projectId: string; answers: Answers; createdBy: string; createdAt: Date }) {
      await db
        .insert(goldAnswers)
        .values(values)
        .onConflictDoUpdate({
          target: goldAnswers.itemId,
          set: { answers: values.answers, createdBy: values.createdBy, createdAt: values.createdAt },
        });
    },

    /** True when the item was gold. */
    async remove(itemId: string): Promise<boolean> {
      const rows = await db.delete(goldAnswers).where(eq(goldAnswers.itemId, itemId)).returning();
      return rows.length > 0;
    },

    async countGold(projectId: string): Promise<number> {
      const [row] = await db.select({ n: count() }).from(goldAnswers).where(eq(goldAnswers.projectId, projectId));
      return row?.n ?? 0;
    },

    /**
     * Annotations on items of the project that are not gold, newest first, `limit` rows after the keyset position
     * `after`: a range of annotations_project_submitted_idx, or of the item's annotations when `item` names one (an
     * exact external id, found through the project's unique index), or only items whose prompt contains `text`.
     * Raw SQL for the row comparison of the keyset and the search in the conversation's messages.
     */
    async candidates(
      projectId: string,
      limit: number,
      filter: { after?: KeysetPosition; externalId?: string; text?: string },
    ) {
      const conditions = [sql`a.project_id = ${projectId}`];
      if (filter.externalId !== undefined) conditions.push(sql`i.external_id = ${filter.externalId}`);
      if (filter.text !== undefined) {
        const pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(sql`exists (select 1 from jsonb_array_elements(i.conversation) m
          where m.value ->> 'content' ilike ${pattern})`);
      }
      if (filter.after) {
        conditions.push(sql`(a.submitted_at, a.id) < (${filter.after.at}::timestamptz, ${filter.after.id}::uuid)`);
      }
      return rawRows<{
        annotation_id: string;
        item_id: string;
        external_id: string;
        answers: Answers;
        submitted_at: Date | string;
        submitted_key: string;
      }>(
        db,
        sql`select a.id as annotation_id, a.item_id, i.external_id, a.answers, a.submitted_at,
                   a.submitted_at::text as submitted_key
            from annotations a join items i on i.id = a.item_id and i.project_id = ${projectId}
            where ${sql.join(conditions, sql` and `)}
              and not exists (select 1 from gold_answers g where g.item_id = a.item_id)
            order by a.submitted_at desc, a.id desc
            limit ${limit}`,
      );
    },

    /** Newest marked first, `limit` rows after the keyset position `after` (a range of gold_answers_project_idx). */
    listGold(projectId: string, limit: number, after?: KeysetPosition) {
      return db
        .select({
          itemId: goldAnswers.itemId,
          itemExternalId: items.externalId,
          answers: goldAnswers.answers,
          createdBy: goldAnswers.createdBy,
          createdAt: goldAnswers.createdAt,
          createdAtKey: sql<string>`${goldAnswers.createdAt}::text`,
        })
        .from(goldAnswers)
        .innerJoin(items, eq(items.id, goldAnswers.itemId))
        .where(
          and(
            eq(goldAnswers.projectId, projectId),
            after
              ? sql`(${goldAnswers.createdAt}, ${goldAnswers.itemId}) < (${after.at}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(goldAnswers.createdAt), desc(goldAnswers.itemId))
        .limit(limit);
    },

    /**
     * Every annotation given on a gold item of the project (optionally one annotator's, or on the given items only),
     * with the gold answers.
     */
    /** Annotations of gold items with the reference answers; `since`: only those submitted after it. */
    goldAnnotations(projectId: string, userId?: string, itemIds?: string[], since?: Date) {
      return db
        .select({
          userId: annotations.userId,
          itemId: annotations.itemId,
          answers: annotations.answers,
          gold: goldAnswers.answers,
        })
        .from(annotations)
        .innerJoin(goldAnswers, eq(goldAnswers.itemId, annotations.itemId))
        .where(
          and(
            eq(annotations.projectId, projectId),
            userId ? eq(annotations.userId, userId) : undefined,
            itemIds ? inArray(annotations.itemId, itemIds) : undefined,
            since ? gt(annotations.submittedAt, since) : undefined,
          ),
        );
    },

    findAnnotation(annotationId: string) {
      return db
        .select({
          projectId: annotations.projectId,
          itemId: annotations.itemId,
          answers: annotations.answers,
          displayOrder: annotations.displayOrder,
        })
        .from(annotations)
        .where(eq(annotations.id, annotationId))
        .then((rows) => rows[0]);
    },

    /** The project's settings, read without a caller (hooks and other services' calls). */
    async projectSettings(projectId: string) {
      const [row] = await db.select({ settings: projects.settings }).from(projects).where(eq(projects.id, projectId));
      return row?.settings;
    },

    /** Members of the project with their role and paused state. */
    members(projectId: string) {
      return db
        .select({
          userId: projectMembers.userId,
          email: users.email,
          role: projectMembers.role,
          pausedAt: projectMembers.pausedAt,
          pausedReason: projectMembers.pausedReason,
        })
        .from(projectMembers)
        .innerJoin(users, eq(users.id, projectMembers.userId))
        .where(eq(projectMembers.projectId, projectId))
        .orderBy(asc(users.email));
    },

    async memberRole(projectId: string, userId: string) {
      const [row] = await db
        .select({ role: projectMembers.role, pausedAt: projectMembers.pausedAt })
        .from(projectMembers)
        .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
      return row;
    },
  };
}
export type GoldRepository = ReturnType<typeof createGoldRepository>;
