import type { Answers } from '@feedbench/shared';
import { eq } from 'drizzle-orm';
import { items } from '../../db/schema/index.ts';
import type { TestHarness } from '../../test/test-app.ts';

/** For the gold integration tests. Reference answers on rankingLine items: o0 > o1 > o2 > o3, rated 7, 5, 3, 1. */
export const GOLD: Answers = {
  rank: { type: 'ranking', groups: [['o0'], ['o1'], ['o2'], ['o3']] },
  quality: { type: 'rating', values: { o0: 7, o1: 5, o2: 3, o3: 1 } },
};
/** Everything backwards: every pair reversed and every rating 2+ points off, so it scores 0. */
export const WRONG: Answers = {
  rank: { type: 'ranking', groups: [['o3'], ['o2'], ['o1'], ['o0']] },
  quality: { type: 'rating', values: { o0: 1, o1: 3, o2: 5, o3: 7 } },
};

/** The project's items by external id (no route lists items; the test reads the table). */
export async function itemIdsOf(h: TestHarness, projectId: string): Promise<Map<string, string>> {
  const rows = await h.database.db
    .select({ id: items.id, externalId: items.externalId })
    .from(items)
    .where(eq(items.projectId, projectId));
  return new Map(rows.map((r) => [r.externalId, r.id]));
}
