import type { Answer } from '@feedbench/shared';
import type { Executor } from '../../../db/client.ts';
import { itemReferences } from '../../../db/schema/index.ts';

/** Reference labels: the judgement an imported dataset carried, one per item. */
export function createReferencesRepository(db: Executor) {
  return {
    async insert(projectId: string, source: string, labels: { itemId: string; label: Answer }[]) {
      if (labels.length === 0) return;
      await db
        .insert(itemReferences)
        .values(labels.map(({ itemId, label }) => ({ itemId, projectId, source, label })))
        .onConflictDoNothing({ target: itemReferences.itemId });
    },
  };
}
