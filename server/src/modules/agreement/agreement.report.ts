import {
  type AgreementEstimate,
  type AgreementFamily,
  type AgreementRecord,
  type AgreementReport,
  type AnnotatorGold,
  type BootstrapOptions,
  bestOfKGroups,
  bootstrapClusterStatistics,
  clusterCoincidences,
  compareIds,
  compareRankings,
  drawnAlpha,
  drawnMean,
  kendallW,
  PAIR_RELATIONS,
  type ProjectProgress,
  positionBias,
  type Question,
  type QuestionAgreement,
  type QuestionOf,
} from '@feedbench/shared';
import { annotatorTable } from './agreement.annotators.ts';
import { withAttributeRatings } from './agreement.attributes.ts';
import { overBatches } from './agreement.batches.ts';
import { labelDistributions } from './agreement.labels.ts';
import {
  type AgreementQuestion,
  type Estimator,
  familyOf,
  finite,
  hasAgreement,
  orderingOf,
  type QuestionItems,
  questionRecords,
} from './agreement.records.ts';
import type { SubmittedAnnotation } from './agreement.repository.ts';

export interface AgreementReportInput {
  projectId: string;
  generatedAt: Date;
  questions: readonly Question[];
  annotations: readonly SubmittedAnnotation[];
  /** Member emails by user id. */
  emails: ReadonlyMap<string, string>;
  progress: ProjectProgress & { overlapTarget: number };
  bootstrap: Required<BootstrapOptions>;
  /** Items per batch of the submission-order series. */
  batchSize: number;
  /** Gold standing by annotator id (absent: no gold column). */
  gold?: ReadonlyMap<string, AnnotatorGold>;
}

const LOW_AGREEMENT_ITEMS = 10;

/**
 * The dashboard's report, from a project's submitted annotations: pure, so it is tested without a database.
 * Every project-level estimate is a function of per-item pieces (see shared/src/agreement/cluster-statistics.ts), so
 * the bootstrap resamples items and the series over time scores each day's items with the same functions.
 */
export function buildAgreementReport(original: AgreementReportInput): AgreementReport {
  // Label distributions read the answers as given; agreement reads each attribute as a rating question.
  const input = { ...original, ...withAttributeRatings(original.questions, original.annotations) };
  const questions = input.questions.filter(hasAgreement).map((question) => ({
    question,
    records: questionRecords(input.annotations, question),
  }));
  return {
    projectId: input.projectId,
    generatedAt: input.generatedAt.toISOString(),
    progress: input.progress,
    bootstrap: input.bootstrap,
    questions: questions.map(({ question, records }) => FAMILY_REPORTS[familyOf(question)](question, records, input)),
    labelDistributions: labelDistributions(original.questions, original.annotations),
    annotators: annotatorTable(input.annotations, questions, input.emails, input.gold),
  };
}

type FamilyReport = (
  question: AgreementQuestion,
  records: AgreementRecord[],
  input: AgreementReportInput,
) => QuestionAgreement;

/**
 * The report of each agreement family (shared/src/questions/question-module.ts). A family's questions are the types
 * whose module names it: `ordering` ranking and pairwise, `scale` rating, `nominal` best-of-k.
 */
const FAMILY_REPORTS: Record<AgreementFamily, FamilyReport> = {
  ordering: (question, records, input) => rankingAgreement(question as OrderingQuestion, records, input),
  scale: (question, records, input) => ratingAgreement(question as QuestionOf<'rating'>, records, input),
  nominal: (question, records, input) => nominalAgreement(question as QuestionOf<'best-of-k'>, records, input),
};
type OrderingQuestion = QuestionOf<'ranking' | 'pairwise'>;

function questionItems(annotations: readonly SubmittedAnnotation[], question: AgreementQuestion): QuestionItems {
  const byItem = new Map<string, { externalId: string; annotators: number; last: Date; importedAt: Date }>();
  const answerDays: string[] = [];
  const annotators = new Set<string>();
  for (const { itemId, itemExternalId, itemImportedAt, userId, answers, submittedAt } of annotations) {
    if (answers[question.id]?.type !== question.type) continue;
    answerDays.push(utcDay(submittedAt));
    annotators.add(userId);
    const item = byItem.get(itemId) ?? {
      externalId: itemExternalId,
      annotators: 0,
      last: submittedAt,
      importedAt: itemImportedAt,
    };
    item.annotators++;
    if (submittedAt > item.last) item.last = submittedAt;
    byItem.set(itemId, item);
  }
  const ids = [...byItem.keys()].sort(compareIds);
  const entries = ids.map(
    (id) => byItem.get(id) as { externalId: string; annotators: number; last: Date; importedAt: Date },
  );
  return {
    ids,
    externalIds: entries.map((e) => e.externalId),
    annotators: entries.map((e) => e.annotators),
    days: entries.map((e) => utcDay(e.last)),
    answerDays,
    importedAt: entries.map((e) => e.importedAt.getTime()),
    lastAnsweredAt: entries.map((e) => e.last.getTime()),
    annotatorCount: annotators.size,
  };
}

/** Rankings, and Llama 2 pairwise verdicts read as rankings of two outputs (`orderingOf`). */
function rankingAgreement(
  question: OrderingQuestion,
  records: AgreementRecord[],
  input: AgreementReportInput,
): QuestionAgreement {
  const items = questionItems(input.annotations, question);
  // Records are sorted by item id, so compareRankings lists items in the same order as `items.ids`.
  const compared = compareRankings(records, 'judgement');
  const agreements = compared.items.map((item) => item.agreement);
  const kendall = itemKendallW(records, items.ids.length);
  const cells = PAIR_RELATIONS.length ** 2;
  let alphaItems = 0;
  for (let i = 0; i < items.ids.length; i++) {
    if (compared.itemCoincidences.subarray(i * cells, (i + 1) * cells).some((o) => o > 0)) alphaItems++;
  }
  const estimators: Estimator[] = [
    { estimate: 'pairwise-agreement', statistic: drawnMean(agreements), items: defined(agreements) },
    {
      estimate: 'pairwise-alpha',
      statistic: drawnAlpha({ categories: [...PAIR_RELATIONS], matrices: compared.itemCoincidences }, 'nominal'),
      items: alphaItems,
    },
    { estimate: 'kendall-w', statistic: drawnMean(kendall), items: defined(kendall) },
  ];

  const rankings = input.annotations.flatMap(({ itemId, userId, answers, displayOrder }) => {
    const answer = answers[question.id];
    const ranking = answer?.type === question.type ? orderingOf(answer, displayOrder) : undefined;
    return ranking ? [{ unit: itemId, annotator: userId, ranking, displayOrder }] : [];
  });
  return {
    type: question.type,
    ...questionSummary(question, items, estimators, input),
    lowAgreementItems: lowest(items, agreements, 'ascending'),
    positionBias: positionBias(rankings),
    rankingsWithTies: rankings.filter((r) => r.ranking.some((group) => group.length > 1)).length,
  };
}

/**
 * Kendall's W among the annotators of each item, its outputs the ranked objects and the group index each annotator
 * put them in as their rank (ties share a rank; W is tie-corrected). NaN for an item with one annotator.
 */
function itemKendallW(records: readonly AgreementRecord[], itemCount: number): number[] {
  const values: number[] = [];
  for (let start = 0; start < records.length; ) {
    const unit = (records[start] as AgreementRecord).unit;
    const ranks: AgreementRecord[] = [];
    let end = start;
    for (; end < records.length && (records[end] as AgreementRecord).unit === unit; end++) {
      const { annotator, value } = records[end] as AgreementRecord;
      (value as string[][]).forEach((group, rank) => {
        for (const output of group) ranks.push({ unit: output, annotator, value: rank });
      });
    }
    values.push(end - start >= 2 ? kendallW(ranks).value : Number.NaN);
    start = end;
  }
  if (values.length !== itemCount) throw new Error('Kendall W: items out of step with the question items');
  return values;
}

function ratingAgreement(
  question: QuestionOf<'rating'>,
  records: AgreementRecord[],
  input: AgreementReportInput,
): QuestionAgreement {
  const items = questionItems(input.annotations, question);
  // Clusters are items (in id order); their units are (item, output), the records' `${itemId}:${outputId}` units.
  const byItem = new Map<string, Map<string, number[]>>();
  for (const { itemId, answers } of input.annotations) {
    const answer = answers[question.id];
    if (answer?.type !== 'rating') continue;
    const outputs = byItem.get(itemId) ?? new Map<string, number[]>();
    for (const [outputId, value] of Object.entries(answer.values)) {
      const values = outputs.get(outputId) ?? [];
      values.push(value);
      outputs.set(outputId, values);
    }
    byItem.set(itemId, outputs);
  }
  const clusters = items.ids.map((itemId) =>
    [...(byItem.get(itemId) ?? new Map<string, number[]>()).entries()]
      .sort(([a], [b]) => compareIds(a, b))
      .map(([, values]) => values),
  );
  const itemDisagreement = clusters.map(meanAbsoluteDifference);
  const coincidences = clusterCoincidences(clusters);
  const alphaItems = clusters.filter((units) => units.some((values) => values.length >= 2)).length;
  const estimators: Estimator[] = [
    { estimate: 'alpha-ordinal', statistic: drawnAlpha(coincidences, 'ordinal'), items: alphaItems },
    { estimate: 'alpha-interval', statistic: drawnAlpha(coincidences, 'interval'), items: alphaItems },
  ];

  const counts = new Map<number, number>();
  for (let value = question.min; value <= question.max; value++) counts.set(value, 0);
  let sum = 0;
  for (const { value } of records) {
    counts.set(value as number, (counts.get(value as number) ?? 0) + 1);
    sum += value as number;
  }
  return {
    type: 'rating',
    ...questionSummary(question, items, estimators, input),
    lowAgreementItems: lowest(items, itemDisagreement, 'descending'),
    min: question.min,
    max: question.max,
    distribution: [...counts.entries()].sort(([a], [b]) => a - b).map(([value, count]) => ({ value, count })),
    mean: records.length > 0 ? sum / records.length : null,
  };
}

/**
 * Best-of-K picks as nominal labels, one unit per item: Krippendorff's alpha (nominal) over the items (Krippendorff
 * 2011; items are the bootstrap's clusters, each one unit). An item's own value is its observed agreement, the share
 * of annotator pairs who picked alike (sum_c n_c (n_c - 1) / (n (n - 1)), Fleiss 1971, eq. 2). Position bias reads a
 * pick as a ranking with one winner, so it is measured as for rankings.
 */
function nominalAgreement(
  question: QuestionOf<'best-of-k'>,
  records: AgreementRecord[],
  input: AgreementReportInput,
): QuestionAgreement {
  const items = questionItems(input.annotations, question);
  const byItem = new Map<string, string[]>();
  for (const { unit, value } of records) byItem.set(unit, [...(byItem.get(unit) ?? []), String(value)]);
  const clusters = items.ids.map((itemId) => [byItem.get(itemId) ?? []]);
  const pairAgreement = clusters.map(([labels = []]) => {
    if (labels.length < 2) return Number.NaN;
    const counts = new Map<string, number>();
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    let alike = 0;
    for (const n of counts.values()) alike += n * (n - 1);
    return alike / (labels.length * (labels.length - 1));
  });
  const estimators: Estimator[] = [
    {
      estimate: 'alpha-nominal',
      statistic: drawnAlpha(clusterCoincidences(clusters), 'nominal'),
      items: defined(pairAgreement),
    },
  ];
  const picks = input.annotations.flatMap(({ itemId, userId, answers, displayOrder }) => {
    const answer = answers[question.id];
    if (answer?.type !== question.type) return [];
    return [{ unit: itemId, annotator: userId, ranking: bestOfKGroups(answer, displayOrder), displayOrder }];
  });
  return {
    type: question.type,
    ...questionSummary(question, items, estimators, input),
    lowAgreementItems: lowest(items, pairAgreement, 'ascending'),
    positionBias: positionBias(picks),
    noneChosen: records.filter((r) => r.value === 'none').length,
  };
}

/** Mean over an item's outputs (rated by two or more) of the mean |difference| between two annotators' ratings. */
function meanAbsoluteDifference(units: readonly (readonly number[])[]): number {
  let total = 0;
  let counted = 0;
  for (const values of units) {
    if (values.length < 2) continue;
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < values.length; i++) {
      for (let j = i + 1; j < values.length; j++, pairs++)
        sum += Math.abs((values[i] as number) - (values[j] as number));
    }
    total += sum / pairs;
    counted++;
  }
  return counted > 0 ? total / counted : Number.NaN;
}

function questionSummary(
  question: AgreementQuestion,
  items: QuestionItems,
  estimators: Estimator[],
  { bootstrap, batchSize }: Pick<AgreementReportInput, 'bootstrap' | 'batchSize'>,
) {
  const everything = new Float64Array(items.ids.length).fill(1);
  const values = estimators.map(({ statistic }) => statistic(everything));
  // One set of resamples for all the question's estimates (an undefined estimate has no interval).
  const withValue = estimators.filter((_, e) => !Number.isNaN(values[e]));
  const intervals = bootstrapClusterStatistics(
    items.ids.length,
    withValue.map((e) => e.statistic),
    bootstrap,
  );
  const estimates: AgreementEstimate[] = estimators.map(({ estimate, statistic, items: contributing }, e) => {
    const ci = intervals[withValue.findIndex((d) => d.statistic === statistic)]?.ci;
    return {
      estimate,
      value: finite(values[e] as number),
      ci: ci ? [finite(ci[0]), finite(ci[1])] : null,
      items: contributing,
    };
  });
  return {
    questionId: question.id,
    label: question.label,
    annotations: items.answerDays.length,
    items: items.ids.length,
    annotators: items.annotatorCount,
    estimates,
    overTime: overTime(items, estimators),
    overBatches: overBatches(items, estimators, batchSize),
  };
}

/**
 * Agreement by day (UTC): each item counts on the day of its latest answer, when its agreement became what it is,
 * and each day's estimates are computed over that day's items alone, so a drift shows instead of being averaged in.
 */
function overTime(items: QuestionItems, estimators: Estimator[]) {
  const days = [...new Set([...items.days, ...items.answerDays])].sort();
  const answers = new Map<string, number>();
  for (const day of items.answerDays) answers.set(day, (answers.get(day) ?? 0) + 1);
  const draws = new Float64Array(items.ids.length);
  return days.map((day) => {
    let count = 0;
    items.days.forEach((itemDay, i) => {
      draws[i] = itemDay === day ? 1 : 0;
      count += draws[i] as number;
    });
    return {
      day,
      annotations: answers.get(day) ?? 0,
      items: count,
      estimates: estimators.map(({ estimate, statistic }) => ({
        estimate,
        value: count > 0 ? finite(statistic(draws)) : null,
      })),
    };
  });
}

function lowest(items: QuestionItems, values: readonly number[], order: 'ascending' | 'descending') {
  const sign = order === 'ascending' ? 1 : -1;
  return items.ids
    .map((itemId, i) => ({
      itemId,
      externalId: items.externalIds[i] as string,
      annotators: items.annotators[i] as number,
      value: values[i] as number,
    }))
    .filter((item) => !Number.isNaN(item.value))
    .sort((a, b) => sign * (a.value - b.value) || compareIds(a.externalId, b.externalId))
    .slice(0, LOW_AGREEMENT_ITEMS);
}

function defined(values: readonly number[]): number {
  return values.filter((v) => !Number.isNaN(v)).length;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const dayNames = new Map<number, string>();

/** YYYY-MM-DD in UTC; formatted once per day number (a report formats one per answer). */
function utcDay(date: Date): string {
  const day = Math.floor(date.getTime() / DAY_MS);
  let name = dayNames.get(day);
  if (name === undefined) {
    name = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayNames.set(day, name);
  }
  return name;
}
