import type { AgreementRecord, MeasurementLevel, RankingTiePolicy } from './agreement-record.ts';
import { pairRelationRecords } from './ranking-relations.ts';
import {
  annotatorsOf,
  categoryKey,
  expectCategory,
  expectNumber,
  type UnitRatings,
  unitsTable,
} from './units-table.ts';

export interface AnnotatorQuality {
  annotator: string;
  /** Units this annotator shares with at least one other annotator (for rankings: (item, output pair) units). */
  units: number;
  /**
   * Agreement with the leave-one-out consensus. Nominal data and rankings: the share of units where the annotator
   * gave the others' majority value. Ordinal, interval and ratio data: Pearson's r between the annotator's values and
   * the others' median (ordinal) or mean (interval, ratio).
   */
  score: number;
  /** Ordinal, interval and ratio data: mean |value - consensus|, which r cannot see (a constant offset). */
  meanAbsoluteDeviation?: number;
  /** (score - mean of the other annotators' scores) / their SD; null with fewer than two other scores. */
  z: number | null;
  /** z below -outlierZ. */
  outlier: boolean;
}

export interface AnnotatorQualityOptions {
  level?: MeasurementLevel;
  /** For ranking values, see `RANKING_TIE_POLICIES`. */
  ties?: RankingTiePolicy;
  /** Flag annotators more than this many SDs below the others. Default 2. */
  outlierZ?: number;
  /** Floor on the SD used for z, so a near-unanimous panel does not turn tiny differences into huge z. Default 0.05. */
  minSpread?: number;
}

/**
 * Per-annotator quality: how well each annotator agrees with the consensus of everybody else on the same units
 * (leave-one-out, so an annotator never agrees with themself), and an outlier flag.
 *
 * Majority ties: when the others' most frequent values tie, an annotator giving one of them gets 1/(number tied), the
 * expected credit of a random tie-break. Rankings are first turned into (item, output pair) units with values
 * first-better / second-better / tie, then scored as nominal data.
 *
 * The outlier z compares an annotator with the *other* annotators' scores rather than with all of them: a plain
 * z-score over n annotators can never exceed (n - 1) / sqrt(n) (Shiffler 1988, "Maximum Z scores and outliers",
 * The American Statistician 42(1)), so with 5 annotators nobody could ever reach 2 SD.
 */
export function annotatorQuality(
  records: readonly AgreementRecord[],
  options: AnnotatorQualityOptions = {},
): AnnotatorQuality[] {
  const outlierZ = options.outlierZ ?? 2;
  const minSpread = options.minSpread ?? 0.05;
  const rankings = records.some((r) => Array.isArray(r.value));
  const table = rankings
    ? unitsTable(pairRelationRecords(unitsTable(records), options.ties ?? 'judgement'))
    : unitsTable(records);
  const level = rankings ? 'nominal' : (options.level ?? 'nominal');

  const shared = sharedUnitsByAnnotator(table);
  const scored = annotatorsOf(table).map((annotator) => {
    const units = shared.get(annotator) ?? [];
    return level === 'nominal' ? majorityAgreement(units, annotator) : consensusCorrelation(units, annotator, level);
  });
  return scored.map((quality) => {
    const others = scored.filter((q) => q !== quality && Number.isFinite(q.score)).map((q) => q.score);
    if (others.length < 2 || !Number.isFinite(quality.score)) return { ...quality, z: null, outlier: false };
    const mean = others.reduce((a, b) => a + b, 0) / others.length;
    const sd = Math.sqrt(others.reduce((sum, s) => sum + (s - mean) ** 2, 0) / (others.length - 1));
    const z = (quality.score - mean) / Math.max(sd, minSpread);
    return { ...quality, z, outlier: z < -outlierZ };
  });
}

type Scored = Omit<AnnotatorQuality, 'z' | 'outlier'>;

type SharedUnit = { unit: string; own: UnitRatings['ratings'][number]; others: UnitRatings['ratings'] };

/** Per annotator, the units they share with someone else, with their own rating and the others': one pass. */
function sharedUnitsByAnnotator(table: readonly UnitRatings[]): Map<string, SharedUnit[]> {
  const shared = new Map<string, SharedUnit[]>();
  for (const { unit, ratings } of table) {
    if (ratings.length < 2) continue;
    ratings.forEach((own, i) => {
      const others = ratings.filter((_, j) => j !== i);
      const list = shared.get(own.annotator);
      if (list) list.push({ unit, own, others });
      else shared.set(own.annotator, [{ unit, own, others }]);
    });
  }
  return shared;
}

function majorityAgreement(units: readonly SharedUnit[], annotator: string): Scored {
  let credit = 0;
  for (const { unit, own, others } of units) {
    const counts = new Map<string, number>();
    for (const other of others) {
      const key = categoryKey(expectCategory('annotator quality', unit, other.annotator, other.value));
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const top = Math.max(...counts.values());
    const modes = [...counts].filter(([, count]) => count === top).map(([key]) => key);
    const ownKey = categoryKey(expectCategory('annotator quality', unit, annotator, own.value));
    if (modes.includes(ownKey)) credit += 1 / modes.length;
  }
  return { annotator, units: units.length, score: units.length > 0 ? credit / units.length : Number.NaN };
}

function consensusCorrelation(units: readonly SharedUnit[], annotator: string, level: MeasurementLevel): Scored {
  const what = `${level} annotator quality`;
  const own = units.map(({ unit, own: r }) => expectNumber(what, unit, annotator, r.value));
  // Ordinal values have an order but no distances, so their consensus is the median; otherwise the mean.
  const consensus = units.map(({ unit, others }) => {
    const values = others.map((r) => expectNumber(what, unit, r.annotator, r.value));
    return level === 'ordinal' ? median(values) : values.reduce((a, b) => a + b, 0) / values.length;
  });
  const deviation = own.reduce((sum, x, i) => sum + Math.abs(x - (consensus[i] as number)), 0);
  return {
    annotator,
    units: units.length,
    score: pearson(own, consensus),
    meanAbsoluteDeviation: units.length > 0 ? deviation / units.length : Number.NaN,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Pearson's r; NaN when either side has no variance. */
function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const meanX = x.reduce((a, b) => a + b, 0) / n;
  const meanY = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - meanX;
    const dy = (y[i] as number) - meanY;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}
