import { expressesPreference, type LeaderboardOptions, type LeaderboardResponse } from '@feedbench/shared';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { SessionUser } from '../auth/auth.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import { type ComparisonSet, collectComparisons, type LeaderboardItem } from './comparisons.ts';
import { createLeaderboardRepository, type PreferenceAnswerRow } from './leaderboard.repository.ts';
import { type ModelRatings, rateModels } from './model-ratings.ts';

interface Deps {
  db: Database;
  clock: Clock;
  projects: Pick<ProjectsService, 'accessAsResearcher'>;
}

/** Confidence of the leaderboard's percentile intervals. */
export const LEADERBOARD_CONFIDENCE = 0.95;

/** The Elo-like scale Chatbot Arena shows: 400 points per factor 10 of odds, centred on 1000. */
export function eloScale(strength: number): number {
  return 1000 + (400 / Math.LN10) * strength;
}

/** Model leaderboard of a project from its human preferences (researchers only; dashboard, API and CLI). */
export function createLeaderboardService({ db, clock, projects }: Deps) {
  const repository = createLeaderboardRepository(db);
  return {
    async leaderboard(user: SessionUser, projectId: string, query: LeaderboardOptions): Promise<LeaderboardResponse> {
      const project = await projects.accessAsResearcher(user, projectId);
      const question = project.settings.questions.find(expressesPreference);
      const answers = question ? await repository.preferenceAnswers(project.id, question.id, query.categoryField) : [];
      const outputs = answers.length > 0 ? await repository.answeredOutputs(project.id) : [];
      const chosen = query.category === undefined ? answers : answers.filter((a) => a.category === query.category);
      const set = collectComparisons(itemsOf(chosen, outputs));
      const bootstrap = { replicates: query.bootstrap, seed: query.seed, confidence: LEADERBOARD_CONFIDENCE };
      const ratings = rateModels(set, { lengthControlled: query.lengthControlled, bootstrap });
      return {
        projectId: project.id,
        generatedAt: clock.now().toISOString(),
        questionId: question?.id ?? null,
        categoryField: query.categoryField,
        category: query.category ?? null,
        categories: categoriesOf(answers),
        lengthControlled: query.lengthControlled,
        lengthCoefficient: ratings.fit.lengthCoefficient,
        lengthCoefficientInterval: ratings.lengthInterval,
        bootstrap: { ...bootstrap, unit: 'item' },
        ...modelTable(set, ratings),
        comparisons: set.a.length,
        items: set.clusterStart.length - 1,
        annotations: set.annotations,
        skipped: set.skipped,
      };
    },
  };
}
export type LeaderboardService = ReturnType<typeof createLeaderboardService>;

/** Answers grouped by item (they come ordered by item), each with its item's outputs. */
function itemsOf(
  answers: readonly PreferenceAnswerRow[],
  outputs: readonly { itemId: string; outputId: string; model: string | null; length: number }[],
): LeaderboardItem[] {
  const outputsOf = new Map<string, LeaderboardItem['outputs']>();
  for (const o of outputs) {
    const list = outputsOf.get(o.itemId) ?? [];
    list.push({ id: o.outputId, model: o.model, length: o.length });
    outputsOf.set(o.itemId, list);
  }
  const byItem = new Map<string, LeaderboardItem>();
  for (const row of answers) {
    let item = byItem.get(row.itemId);
    if (!item) {
      item = { itemId: row.itemId, outputs: outputsOf.get(row.itemId) ?? [], answers: [] };
      byItem.set(row.itemId, item);
    }
    item.answers.push(row.answer ?? undefined);
  }
  return [...byItem.values()];
}

function categoriesOf(answers: readonly PreferenceAnswerRow[]): LeaderboardResponse['categories'] {
  const counts = new Map<string, number>();
  for (const { category } of answers) if (category !== null) counts.set(category, (counts.get(category) ?? 0) + 1);
  return [...counts]
    .map(([value, annotations]) => ({ value, annotations }))
    .sort((x, y) => y.annotations - x.annotations || x.value.localeCompare(y.value));
}

/** The models best first, with their rows and columns of the win-rate and count matrices in the same order. */
function modelTable(
  set: ComparisonSet,
  ratings: ModelRatings,
): Pick<LeaderboardResponse, 'models' | 'winRates' | 'comparisonCounts'> {
  const count = set.models.length;
  const order = set.models
    .map((_, i) => i)
    .sort((x, y) => (ratings.fit.strengths[y] as number) - (ratings.fit.strengths[x] as number));
  return {
    models: order.map((i, rank) => {
      const strength = ratings.fit.strengths[i] as number;
      const interval = ratings.intervals[i] ?? null;
      const wins = ratings.wins[i] as number;
      const losses = ratings.losses[i] as number;
      const ties = ratings.ties[i] as number;
      return {
        model: set.models[i] as string,
        strength,
        rating: eloScale(strength),
        ratingInterval: interval && [eloScale(interval[0]), eloScale(interval[1])],
        rank: rank + 1,
        comparisons: wins + losses + ties,
        wins,
        losses,
        ties,
        meanLength: set.meanLength[i] as number,
      };
    }),
    winRates: order.map((i) =>
      order.map((j) => {
        const n = ratings.pairCounts[i * count + j] as number;
        return i === j || n === 0 ? null : (ratings.pairScores[i * count + j] as number) / n;
      }),
    ),
    comparisonCounts: order.map((i) => order.map((j) => (i === j ? 0 : (ratings.pairCounts[i * count + j] as number)))),
  };
}
