import type { Answers } from '@feedbench/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { annotations, goldAnswers, items, projectMembers, projects, users } from '../../db/schema/index.ts';

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

    listGold(projectId: string) {
      return db
        .select({
          itemId: goldAnswers.itemId,
          itemExternalId: items.externalId,
          answers: goldAnswers.answers,
          createdBy: goldAnswers.createdBy,
          createdAt: goldAnswers.createdAt,
        })
        .from(goldAnswers)
        .innerJoin(items, eq(items.id, goldAnswers.itemId))
        .where(eq(goldAnswers.projectId, projectId))
        .orderBy(asc(items.position));
    },

    /** Every annotation given on a gold item of the project (optionally one annotator's), with the gold answers. */
    goldAnnotations(projectId: string, userId?: string) {
      return db
        .select({
          userId: annotations.userId,
          itemId: annotations.itemId,
          answers: annotations.answers,
          gold: goldAnswers.answers,
        })
        .from(annotations)
        .innerJoin(goldAnswers, eq(goldAnswers.itemId, annotations.itemId))
        .where(and(eq(annotations.projectId, projectId), userId ? eq(annotations.userId, userId) : undefined));
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
