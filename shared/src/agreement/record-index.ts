import { agreementErrors } from './agreement.errors.ts';
import type { AgreementRecord } from './agreement-record.ts';
import { type Category, compareCategories } from './units-table.ts';

/**
 * Long-format records indexed once into typed arrays: the hot path of the metrics over large files (a million
 * values in well under a second). Units and annotators are numbered in first-seen order and records are grouped by
 * unit with a counting sort, so no per-record object or string is allocated. The metrics' sums over units are
 * independent of that order (up to floating-point rounding), so results do not depend on the order of the records.
 */
export interface RecordIndex {
  unitIds: string[];
  annotatorIds: string[];
  /** The records of unit u are `records[byUnit[i]]` for i in `unitStart[u] .. unitStart[u + 1] - 1`. */
  unitStart: Int32Array;
  byUnit: Int32Array;
  /** Annotator number of each record, by the record's position in the input. */
  annotatorOf: Int32Array;
}

export function indexRecords(records: readonly AgreementRecord[]): RecordIndex {
  const unitNumbers = new Map<string, number>();
  const annotatorNumbers = new Map<string, number>();
  const unitIds: string[] = [];
  const annotatorIds: string[] = [];
  const unitOf = new Int32Array(records.length);
  const annotatorOf = new Int32Array(records.length);
  // Exported files list a unit's records together: remembering the last unit skips most map lookups.
  let lastUnit: string | undefined;
  let lastUnitNumber = -1;
  let lastAnnotator: string | undefined;
  let lastAnnotatorNumber = -1;
  for (let r = 0; r < records.length; r++) {
    const { unit, annotator } = records[r] as AgreementRecord;
    if (unit !== lastUnit) {
      let number = unitNumbers.get(unit);
      if (number === undefined) {
        number = unitIds.length;
        unitNumbers.set(unit, number);
        unitIds.push(unit);
      }
      lastUnit = unit;
      lastUnitNumber = number;
    }
    if (annotator !== lastAnnotator) {
      let number = annotatorNumbers.get(annotator);
      if (number === undefined) {
        number = annotatorIds.length;
        annotatorNumbers.set(annotator, number);
        annotatorIds.push(annotator);
      }
      lastAnnotator = annotator;
      lastAnnotatorNumber = number;
    }
    unitOf[r] = lastUnitNumber;
    annotatorOf[r] = lastAnnotatorNumber;
  }

  // Counting sort of record positions by unit.
  const unitStart = new Int32Array(unitIds.length + 1);
  for (let r = 0; r < records.length; r++) {
    const slot = (unitOf[r] as number) + 1;
    unitStart[slot] = (unitStart[slot] as number) + 1;
  }
  for (let u = 0; u < unitIds.length; u++) unitStart[u + 1] = (unitStart[u + 1] as number) + (unitStart[u] as number);
  const next = unitStart.slice(0, unitIds.length);
  const byUnit = new Int32Array(records.length);
  for (let r = 0; r < records.length; r++) {
    const u = unitOf[r] as number;
    byUnit[next[u] as number] = r;
    next[u] = (next[u] as number) + 1;
  }

  // One value per unit and annotator: stamp each annotator with the unit last seen for them.
  const seenIn = new Int32Array(annotatorIds.length).fill(-1);
  for (let u = 0; u < unitIds.length; u++) {
    for (let i = unitStart[u] as number; i < (unitStart[u + 1] as number); i++) {
      const a = annotatorOf[byUnit[i] as number] as number;
      if (seenIn[a] === u) throw agreementErrors.duplicateRecord(unitIds[u] as string, annotatorIds[a] as string);
      seenIn[a] = u;
    }
  }
  return { unitIds, annotatorIds, unitStart, byUnit, annotatorOf };
}

/** Units with at least `minimum` records, as runs of record positions: unit i is `positions[start[i] .. start[i + 1])`. */
export interface UnitRuns {
  /** Unit numbers of the index, one per run. */
  units: Int32Array;
  start: Int32Array;
  positions: Int32Array;
  /** Annotators with a record in some run. */
  annotators: number;
}

export function unitRuns(index: RecordIndex, minimum = 2): UnitRuns {
  const { unitStart, byUnit, annotatorOf } = index;
  const unitCount = index.unitIds.length;
  let runs = 0;
  let values = 0;
  for (let u = 0; u < unitCount; u++) {
    const m = (unitStart[u + 1] as number) - (unitStart[u] as number);
    if (m >= minimum) {
      runs++;
      values += m;
    }
  }
  const units = new Int32Array(runs);
  const start = new Int32Array(runs + 1);
  const positions = new Int32Array(values);
  const present = new Uint8Array(index.annotatorIds.length);
  let run = 0;
  let at = 0;
  for (let u = 0; u < unitCount; u++) {
    const from = unitStart[u] as number;
    const to = unitStart[u + 1] as number;
    if (to - from < minimum) continue;
    units[run] = u;
    for (let i = from; i < to; i++) {
      const r = byUnit[i] as number;
      positions[at++] = r;
      present[annotatorOf[r] as number] = 1;
    }
    start[++run] = at;
  }
  let annotators = 0;
  for (const flag of present) annotators += flag;
  return { units, start, positions, annotators };
}

/** Categories in `compareCategories` order and the category number of each listed record. */
export interface CategoryCodes {
  categories: Category[];
  /** `codes[i]` is the category number of `records[positions[i]]`. */
  codes: Int32Array;
}

/**
 * Numbers the categories of the records at `positions`, in that order; `accept` validates each value (it may throw)
 * and returns it.
 */
export function categoryCodes(
  records: readonly AgreementRecord[],
  positions: Int32Array,
  accept: (record: AgreementRecord) => Category,
): CategoryCodes {
  return codeCategories(positions.length, (i) => accept(records[positions[i] as number] as AgreementRecord));
}

/**
 * Numbers the categories `valueAt(0 .. length - 1)`. Numbers and strings are looked up in separate maps so 1 and "1"
 * stay apart without building a key string per value.
 */
export function codeCategories(length: number, valueAt: (i: number) => Category): CategoryCodes {
  const numbers = new Map<number, number>();
  const strings = new Map<string, number>();
  const firstSeen: Category[] = [];
  const codes = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const value = valueAt(i);
    const map = (typeof value === 'number' ? numbers : strings) as Map<Category, number>;
    let code = map.get(value);
    if (code === undefined) {
      code = firstSeen.length;
      map.set(value, code);
      firstSeen.push(value);
    }
    codes[i] = code;
  }
  // Renumber in category order: weighted kappa, ordinal alpha and the printed tables need it.
  const order = firstSeen
    .map((_, i) => i)
    .sort((a, b) => compareCategories(firstSeen[a] as Category, firstSeen[b] as Category));
  const renumber = new Int32Array(order.length);
  order.forEach((old, position) => {
    renumber[old] = position;
  });
  for (let i = 0; i < codes.length; i++) codes[i] = renumber[codes[i] as number] as number;
  return { categories: order.map((old) => firstSeen[old] as Category), codes };
}
