import type { LeaderboardResponse } from '@feedbench/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Person } from '../../test/annotating.ts';
import { buildTestApp, type TestHarness } from '../../test/test-app.ts';
import { seedLeaderboardProject } from './leaderboard.fixtures.ts';

let h: TestHarness;
let researcher: Person;
let annotators: Person[];
let projectId: string;
beforeAll(async () => {
  h = await buildTestApp();
  ({ researcher, annotators, projectId } = await seedLeaderboardProject(h));
});
afterAll(() => h.close());

async function leaderboard(query = '', person: Person = researcher) {
  return h.app.inject({
    method: 'GET',
    url: `/api/projects/${projectId}/leaderboard${query}`,
    headers: person.headers,
  });
}

describe('GET /api/projects/:id/leaderboard', () => {
  it('ranks models from every induced pair, with counts, win rates and skipped outputs counted', async () => {
    const response = await leaderboard('?bootstrap=50');
    expect(response.statusCode).toBe(200);
    const board = response.json() as LeaderboardResponse;
    expect(board.questionId).toBe('rank');
    expect(board.annotations).toBe(12);
    expect(board.items).toBe(6);
    // Counted by hand: 12 rankings of 3 outputs = 36 pairs; item 5's beta has no model: 2 pairs x 2 annotators.
    expect(board.skipped).toEqual({ noModel: 4, sameModel: 0, tiedInRanking: 0 });
    expect(board.comparisons).toBe(32);
    expect(board.models.map((m) => m.model)).toEqual(['alpha', 'beta', 'gamma']);
    const alpha = board.models[0];
    // alpha: beats beta 8 times and gamma 8 times (code), loses to beta 2 times and to gamma 4 times (chat).
    expect(alpha).toMatchObject({ rank: 1, wins: 16, losses: 6, ties: 0, comparisons: 22 });
    expect(board.comparisonCounts[0]).toEqual([0, 10, 12]);
    expect(board.winRates[0]?.[0]).toBeNull();
    expect(board.winRates[0]?.[1]).toBeCloseTo(8 / 10, 12);
    expect(board.winRates[2]?.[0]).toBeCloseTo(4 / 12, 12);
    // Ratings sit on the Elo-like scale around 1000 and every interval holds its estimate (beta sits at 1000 by
    // symmetry, as can a bound: rounding aside).
    for (const model of board.models) {
      const [low, high] = model.ratingInterval as [number, number];
      expect(low).toBeLessThanOrEqual(model.rating + 1e-9);
      expect(high).toBeGreaterThanOrEqual(model.rating - 1e-9);
    }
    expect(board.models.reduce((sum, m) => sum + m.strength, 0)).toBeCloseTo(0, 9);
    expect(board.categories).toEqual([
      { value: 'code', annotations: 8 },
      { value: 'chat', annotations: 4 },
    ]);
    expect(board.bootstrap).toEqual({ replicates: 50, seed: 1, confidence: 0.95, unit: 'item' });
  });

  it('filters to one metadata category, where the order turns around', async () => {
    const board = (await leaderboard('?category=chat&bootstrap=0')).json() as LeaderboardResponse;
    expect(board.category).toBe('chat');
    expect(board.items).toBe(2);
    expect(board.models.map((m) => m.model)).toEqual(['gamma', 'beta', 'alpha']);
    expect(board.models.every((m) => m.ratingInterval === null)).toBe(true);
    const none = (await leaderboard('?category=poetry')).json() as LeaderboardResponse;
    expect(none.models).toEqual([]);
    expect(none.comparisons).toBe(0);
  });

  it('fits a length coefficient when length-controlled, and answers the same for the same seed', async () => {
    const first = (await leaderboard('?lengthControlled=true&bootstrap=30&seed=9')).json() as LeaderboardResponse;
    const second = (await leaderboard('?lengthControlled=true&bootstrap=30&seed=9')).json() as LeaderboardResponse;
    expect(first.lengthControlled).toBe(true);
    expect(first.lengthCoefficient).not.toBeNull();
    expect(first.lengthCoefficientInterval).not.toBeNull();
    expect(second.models).toEqual(first.models);
    const plain = (await leaderboard('?bootstrap=0')).json() as LeaderboardResponse;
    expect(plain.lengthCoefficient).toBeNull();
    // Gamma's long output won on item 4: part of that win goes to length, so gamma's strength drops.
    const gamma = (b: LeaderboardResponse) => b.models.find((m) => m.model === 'gamma')?.strength as number;
    expect(gamma(first)).toBeLessThan(gamma(plain));
  });

  it('refuses a bad query with 400 naming the field, and non-researchers', async () => {
    const tooMany = await leaderboard('?bootstrap=5000');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('bootstrap');
    const notBoolean = await leaderboard('?lengthControlled=maybe');
    expect(notBoolean.statusCode).toBe(400);
    expect(notBoolean.body).toContain('lengthControlled');
    // A misspelt option is named, not ignored (the board would silently be the plain one).
    const misspelt = await leaderboard('?length_controlled=true');
    expect(misspelt.statusCode).toBe(400);
    expect(misspelt.body).toContain('length_controlled');
    const emptyCategory = await leaderboard('?category=');
    expect(emptyCategory.statusCode).toBe(400);
    expect(emptyCategory.body).toContain('category');
    expect((await leaderboard('', annotators[0])).statusCode).toBe(403);
  });
});
