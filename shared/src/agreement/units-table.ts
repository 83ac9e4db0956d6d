import { agreementErrors } from './agreement.errors.ts';
import type { AgreementRecord, AgreementValue } from './agreement-record.ts';

/** A nominal or numeric judgement: what the non-ranking metrics compare. */
export type Category = number | string;

export interface UnitRatings {
  unit: string;
  /** Sorted by annotator id. */
  ratings: { annotator: string; value: AgreementValue }[];
}

/**
 * Groups long-format records by unit. Units and annotators come out sorted by id so every metric (and every
 * bootstrap resample drawn from a seed) gives the same number whatever order the records arrived in.
 */
export function unitsTable(records: readonly AgreementRecord[]): UnitRatings[] {
  const byUnit = new Map<string, Map<string, AgreementValue>>();
  for (const { unit, annotator, value } of records) {
    let ratings = byUnit.get(unit);
    if (!ratings) {
      ratings = new Map();
      byUnit.set(unit, ratings);
    }
    if (ratings.has(annotator)) throw agreementErrors.duplicateRecord(unit, annotator);
    ratings.set(annotator, value);
  }
  return [...byUnit.entries()]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([unit, ratings]) => ({
      unit,
      ratings: [...ratings.entries()]
        .sort(([a], [b]) => compareIds(a, b))
        .map(([annotator, value]) => ({ annotator, value })),
    }));
}

/** Code-unit order, not locale order: the same on every machine. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Distinct annotators of the given units, sorted. */
export function annotatorsOf(units: readonly UnitRatings[]): string[] {
  return [...new Set(units.flatMap((u) => u.ratings.map((r) => r.annotator)))].sort(compareIds);
}

/** Numbers ascending, then strings in code-unit order: the category order weighted kappa and ordinal alpha use. */
export function compareCategories(a: Category, b: Category): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return compareIds(a, b);
}

/** Map key that keeps 1 and "1" apart. */
export function categoryKey(value: Category): string {
  return typeof value === 'number' ? `n:${value}` : `s:${value}`;
}

/** Distinct categories in `compareCategories` order. */
export function distinctCategories(values: Iterable<Category>): Category[] {
  const byKey = new Map<string, Category>();
  for (const value of values) byKey.set(categoryKey(value), value);
  return [...byKey.values()].sort(compareCategories);
}

export function expectCategory(what: string, unit: string, annotator: string, value: AgreementValue): Category {
  if (Array.isArray(value)) throw agreementErrors.wrongValueType(what, 'number or string', unit, annotator);
  return value;
}

export function expectNumber(what: string, unit: string, annotator: string, value: AgreementValue): number {
  if (typeof value !== 'number') throw agreementErrors.wrongValueType(what, 'number', unit, annotator);
  return value;
}

/** Units both annotators rated, as aligned value pairs (pairwise deletion, as cohen_kappa_score's aligned input). */
export function pairedValues(
  units: readonly UnitRatings[],
  first: string,
  second: string,
): { unit: string; first: AgreementValue; second: AgreementValue }[] {
  const pairs: { unit: string; first: AgreementValue; second: AgreementValue }[] = [];
  for (const { unit, ratings } of units) {
    const a = ratings.find((r) => r.annotator === first);
    const b = ratings.find((r) => r.annotator === second);
    if (a && b) pairs.push({ unit, first: a.value, second: b.value });
  }
  return pairs;
}

/** The two annotators of a two-rater metric, or a clear error naming how many there are. */
export function exactlyTwoAnnotators(metric: string, units: readonly UnitRatings[]): [string, string] {
  const annotators = annotatorsOf(units);
  const [first, second] = annotators;
  if (annotators.length !== 2 || first === undefined || second === undefined) {
    throw agreementErrors.twoAnnotatorsRequired(metric, annotators.length);
  }
  return [first, second];
}
