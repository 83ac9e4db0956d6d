import type { Answer } from '@feedbench/shared';
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { annotations, itemOutputs, items } from '../../db/schema/index.ts';

/** One submitted answer to the preference question, with its item's category value. */
export interface PreferenceAnswerRow {
  itemId: string;
  answer: Answer | null;
  category: string | null;
}

/** An output as the leaderboard reads it: its model and its length, never its text. */
export interface ComparedOutputRow {
  itemId: string;
  outputId: string;
  model: string | null;
  length: number;
}

export function createLeaderboardRepository(db: Executor) {
  return {
    /**
     * Every submitted answer of the project to question `questionId` (only that answer, not the whole JSON), with the
     * item's metadata field `categoryField` as text, grouped by item.
     */
    async preferenceAnswers(
      projectId: string,
      questionId: string,
      categoryField: string,
    ): Promise<PreferenceAnswerRow[]> {
      return db
        .select({
          itemId: annotations.itemId,
          answer: sql<Answer | null>`${annotations.answers} -> ${questionId}`,
          category: sql<string | null>`${items.metadata} ->> ${categoryField}`,
        })
        .from(annotations)
        .innerJoin(items, eq(items.id, annotations.itemId))
        .where(eq(annotations.projectId, projectId))
        .orderBy(asc(annotations.itemId), asc(annotations.submittedAt));
    },

    /** The outputs of the project's answered items: model and length in characters (char_length, in SQL). */
    async answeredOutputs(projectId: string): Promise<ComparedOutputRow[]> {
      return db
        .select({
          itemId: itemOutputs.itemId,
          outputId: itemOutputs.outputId,
          model: sql<string | null>`nullif(${itemOutputs.model}, '')`,
          length: sql<number>`char_length(${itemOutputs.content})::int`,
        })
        .from(itemOutputs)
        .innerJoin(items, eq(items.id, itemOutputs.itemId))
        .where(sql`${items.projectId} = ${projectId} and ${items.annotationCount} > 0`)
        .orderBy(asc(itemOutputs.itemId), asc(itemOutputs.position));
    },
  };
}
export type LeaderboardRepository = ReturnType<typeof createLeaderboardRepository>;
