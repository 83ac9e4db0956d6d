import {
  type Answer,
  disagreement,
  hasDisagreement,
  type OrderingPolicy,
  type SelectionSource,
  selectionSourceOf,
} from '@feedbench/shared';
import type { Database, Executor, Tx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { createSelectionRepository } from './selection.repository.ts';

/**
 * Selection where humans teach most: per-item scores by source (higher first) that the selection ordering policies
 * claim by. Sources: human disagreement (kept here from the answers), the reward-model score margin (from the outputs'
 * scores), judge disagreement (written by the judges through setSelectionScores).
 */
export function createSelectionService({ db, clock }: { db: Database; clock: Clock }) {
  /** Disagreement of each item's answers on the template's first question that has a measure; NaN: not measurable. */
  async function humanDisagreement(executor: Executor, projectId: string, itemIds: readonly string[] | null) {
    const repository = createSelectionRepository(executor);
    const settings = await repository.projectSettings(projectId);
    const question = settings?.questions.find(hasDisagreement);
    const byItem = new Map<string, (Answer | undefined)[]>();
    for (const id of itemIds ?? []) byItem.set(id, []);
    if (question) {
      for (const row of await repository.answersOf(projectId, itemIds)) {
        const list = byItem.get(row.itemId) ?? [];
        list.push(row.answers[question.id]);
        byItem.set(row.itemId, list);
      }
    }
    return [...byItem].map(([itemId, answers]) => {
      const value = question && answers.length >= 2 ? disagreement(question, answers) : Number.NaN;
      return { itemId, score: Number.isFinite(value) ? value : null };
    });
  }

  async function write(
    executor: Executor,
    projectId: string,
    source: SelectionSource,
    entries: readonly { itemId: string; score: number | null }[],
  ) {
    const repository = createSelectionRepository(executor);
    const known = await repository.upsertScores(projectId, source, entries, clock.now());
    await repository.syncSlots(
      projectId,
      entries.map((e) => e.itemId),
    );
    return known;
  }

  return {
    /**
     * Sets the scores of one source for items of the project (higher: humans first; null removes an item's score),
     * and moves them onto the open slots when the project's policy reads this source. Items of other projects are
     * ignored; answers how many named items belong to the project. Non-finite scores are refused.
     */
    async setSelectionScores(
      projectId: string,
      source: SelectionSource,
      scores: ReadonlyMap<string, number | null>,
    ): Promise<number> {
      const entries = [...scores].map(([itemId, score]) => {
        if (score !== null && !Number.isFinite(score)) throw new RangeError(`score of item ${itemId} is not finite`);
        return { itemId, score };
      });
      let known = 0;
      // Batches keep one statement's JSON parameter and slot locks small on a large project.
      for (let start = 0; start < entries.length; start += SCORE_BATCH) {
        known += await db.transaction((tx) => write(tx, projectId, source, entries.slice(start, start + SCORE_BATCH)));
      }
      return known;
    },

    /** Recomputes the score-margin source of these items (all of the project's when null) from their outputs' scores. */
    async refreshScoreMargins(executor: Executor, projectId: string, itemIds: readonly string[] | null) {
      const repository = createSelectionRepository(executor);
      await repository.refreshScoreMargins(projectId, itemIds, clock.now());
      await repository.syncSlots(projectId, itemIds);
    },

    /**
     * After a submit committed: under the human-disagreement policy, the item's disagreement is measured again (its
     * answers changed) and moved onto its open slots. Other policies read nothing more.
     */
    async afterSubmit({ projectId, itemId }: { projectId: string; itemId: string }) {
      const settings = await createSelectionRepository(db).projectSettings(projectId);
      if (settings?.ordering !== 'human-disagreement') return;
      await db.transaction(async (tx) =>
        write(tx, projectId, 'human-disagreement', await humanDisagreement(tx, projectId, [itemId])),
      );
    },

    /**
     * The project's ordering policy changed (inside the settings transaction): human disagreement is measured over
     * every item when it becomes the policy, then every open slot takes the new policy's score (or none).
     */
    async policyChanged(tx: Tx, projectId: string, ordering: OrderingPolicy) {
      if (selectionSourceOf(ordering) === 'human-disagreement') {
        const repository = createSelectionRepository(tx);
        const itemIds = [...new Set((await repository.answersOf(projectId, null)).map((r) => r.itemId))];
        const entries = await humanDisagreement(tx, projectId, itemIds);
        for (let start = 0; start < entries.length; start += SCORE_BATCH) {
          await repository.upsertScores(
            projectId,
            'human-disagreement',
            entries.slice(start, start + SCORE_BATCH),
            clock.now(),
          );
        }
      }
      await createSelectionRepository(tx).syncSlots(projectId, null);
    },
  };
}
export type SelectionService = ReturnType<typeof createSelectionService>;

const SCORE_BATCH = 5000;
