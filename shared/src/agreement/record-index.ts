import { agreementErrors } from './agreement.errors.ts';
import type { AgreementRecord } from './agreement-record.ts';
import { type Category, compareCategories, compareIds } from './units-table.ts';

/**
 * Long-format records indexed once into typed arrays: the hot path of the metrics over large files (a million
 * values in well under a second). Units and annotators are numbered in first-seen order through hash tables over
 * typed arrays. Records that arrive grouped by unit (as exports and files list them) are used in place; otherwise a
 * counting sort groups their positions. The metrics' sums over units do not depend on the order of the units (up
 * to floating-point rounding), so results do not depend on the order of the records.
 */
export interface RecordIndex {
  unitIds: string[];
  annotatorIds: string[];
  /**
   * The records of unit u are `records[byUnit[i]]` for i in `unitStart[u] .. unitStart[u + 1] - 1`; `byUnit` is null
   * when the records were already grouped by unit, and then position i is record i.
   */
  unitStart: Int32Array;
  byUnit: Int32Array | null;
  /** Annotator number of each record, by the record's position in the input. */
  annotatorOf: Int32Array;
  /** Distinct number and string values in first-seen order, and each record's index among them (-1: a ranking). */
  values: Category[];
  valueCode: Int32Array;
}

export function indexRecords(records: readonly AgreementRecord[]): RecordIndex {
  const units = new IdTable();
  const annotators = new IdTable();
  const annotatorOf = new Int32Array(records.length);
  const values = new CategoryTable();
  const valueCode = new Int32Array(records.length);
  // While the records come grouped (each new run of equal units is a unit not seen before), the runs are the units.
  const runStarts: number[] = [];
  let unitOf: Int32Array | null = null;
  let lastUnit: string | undefined;
  let lastUnitNumber = -1;
  for (let r = 0; r < records.length; r++) {
    const { unit, annotator, value } = records[r] as AgreementRecord;
    if (unit !== lastUnit) {
      const known = units.ids.length;
      lastUnit = unit;
      lastUnitNumber = units.number(unit);
      if (unitOf === null) {
        if (lastUnitNumber === known) runStarts.push(r);
        else unitOf = unitsSoFar(runStarts, r, records.length);
      }
    }
    if (unitOf !== null) unitOf[r] = lastUnitNumber;
    annotatorOf[r] = annotators.number(annotator);
    // One pass over the record objects: their values are numbered here too, in input order (memory order).
    valueCode[r] = values.code(value);
  }
  const unitIds = units.ids;
  const annotatorIds = annotators.ids;

  let unitStart: Int32Array;
  let byUnit: Int32Array | null = null;
  if (unitOf === null) {
    unitStart = new Int32Array(runStarts.length + 1);
    unitStart.set(runStarts);
    unitStart[runStarts.length] = records.length;
  } else {
    // Counting sort of record positions by unit.
    unitStart = new Int32Array(unitIds.length + 1);
    for (let r = 0; r < records.length; r++) {
      const slot = (unitOf[r] as number) + 1;
      unitStart[slot] = (unitStart[slot] as number) + 1;
    }
    for (let u = 0; u < unitIds.length; u++) unitStart[u + 1] = (unitStart[u + 1] as number) + (unitStart[u] as number);
    const next = unitStart.slice(0, unitIds.length);
    byUnit = new Int32Array(records.length);
    for (let r = 0; r < records.length; r++) {
      const u = unitOf[r] as number;
      byUnit[next[u] as number] = r;
      next[u] = (next[u] as number) + 1;
    }
  }

  // One value per unit and annotator: stamp each annotator with the unit last seen for them.
  const seenIn = new Int32Array(annotatorIds.length).fill(-1);
  for (let u = 0; u < unitIds.length; u++) {
    for (let i = unitStart[u] as number; i < (unitStart[u + 1] as number); i++) {
      const a = annotatorOf[byUnit === null ? i : (byUnit[i] as number)] as number;
      if (seenIn[a] === u) throw agreementErrors.duplicateRecord(unitIds[u] as string, annotatorIds[a] as string);
      seenIn[a] = u;
    }
  }
  return { unitIds, annotatorIds, unitStart, byUnit, annotatorOf, values: values.values, valueCode };
}

/**
 * Two annotators' records aligned by unit, in one pass (Cohen's kappa needs no more than this): `pairs` holds, for
 * each unit both rated, the position of the first annotator's record (in id order) and then the second's.
 */
export interface AlignedPairs {
  annotatorIds: string[];
  pairs: Int32Array;
  values: Category[];
  valueCode: Int32Array;
}

export function alignTwoAnnotators(records: readonly AgreementRecord[]): AlignedPairs {
  const units = new IdTable();
  const annotators = new IdTable();
  const values = new CategoryTable();
  const valueCode = new Int32Array(records.length);
  // Record position of annotator 0's and 1's value (first-seen numbering) per unit number; -1 for none.
  let slots: Int32Array[] = [new Int32Array(1024).fill(-1), new Int32Array(1024).fill(-1)];
  let lastUnit: string | undefined;
  let u = -1;
  let lastAnnotator: string | undefined;
  let otherAnnotator: string | undefined;
  let a = -1;
  let b = -1;
  for (let r = 0; r < records.length; r++) {
    const { unit, annotator, value } = records[r] as AgreementRecord;
    if (unit !== lastUnit) {
      lastUnit = unit;
      u = units.number(unit);
      if (u >= (slots[0] as Int32Array).length) slots = slots.map((old) => grown(old, u));
    }
    // Two annotators often alternate: remember both.
    if (annotator !== lastAnnotator) {
      const previous = lastAnnotator;
      const previousNumber = a;
      a = annotator === otherAnnotator ? b : annotators.number(annotator);
      lastAnnotator = annotator;
      otherAnnotator = previous;
      b = previousNumber;
    }
    valueCode[r] = values.code(value);
    const own = slots[a];
    if (own === undefined) continue; // a third annotator: refused below, once they are all counted
    if (own[u] !== -1) throw agreementErrors.duplicateRecord(unit, annotator);
    own[u] = r;
  }
  const annotatorIds = annotators.ids;
  const swap = annotatorIds.length === 2 && compareIds(annotatorIds[1] as string, annotatorIds[0] as string) < 0;
  const [first, second] = (swap ? [slots[1], slots[0]] : slots) as [Int32Array, Int32Array];
  const aligned = new Int32Array(2 * units.ids.length);
  let length = 0;
  for (let unit = 0; unit < units.ids.length; unit++) {
    const x = first[unit] as number;
    const y = second[unit] as number;
    if (x === -1 || y === -1) continue;
    aligned[length++] = x;
    aligned[length++] = y;
  }
  return { annotatorIds, pairs: aligned.subarray(0, length), values: values.values, valueCode };
}

function grown(slots: Int32Array, needed: number): Int32Array {
  let size = slots.length;
  while (size <= needed) size *= 2;
  const bigger = new Int32Array(size).fill(-1);
  bigger.set(slots);
  return bigger;
}

/** Unit numbers of records 0 .. end - 1 while they were grouped: run k (from runStarts[k]) is unit k. */
function unitsSoFar(runStarts: readonly number[], end: number, length: number): Int32Array {
  const unitOf = new Int32Array(length);
  runStarts.forEach((start, unit) => {
    unitOf.fill(unit, start, runStarts[unit + 1] ?? end);
  });
  return unitOf;
}

/** The record at grouped position i. */
export function recordAt(index: RecordIndex, i: number): number {
  return index.byUnit === null ? i : (index.byUnit[i] as number);
}

/**
 * Units with at least `minimum` records, as runs of record positions: run i is `positions[start[i] .. start[i + 1])`,
 * or, when `positions` is null (grouped records, every unit kept), records start[i] .. start[i + 1] - 1 themselves.
 */
export interface UnitRuns {
  start: Int32Array;
  positions: Int32Array | null;
  /** Values in the runs. */
  values: number;
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
  const present = new Uint8Array(index.annotatorIds.length);
  const countAnnotators = () => {
    let annotators = 0;
    for (const flag of present) annotators += flag;
    return annotators;
  };
  if (byUnit === null && runs === unitCount) {
    for (let r = 0; r < annotatorOf.length; r++) present[annotatorOf[r] as number] = 1;
    return { start: unitStart, positions: null, values, annotators: countAnnotators() };
  }
  const start = new Int32Array(runs + 1);
  const positions = new Int32Array(values);
  let run = 0;
  let at = 0;
  for (let u = 0; u < unitCount; u++) {
    const from = unitStart[u] as number;
    const to = unitStart[u + 1] as number;
    if (to - from < minimum) continue;
    for (let i = from; i < to; i++) {
      const r = byUnit === null ? i : (byUnit[i] as number);
      positions[at++] = r;
      present[annotatorOf[r] as number] = 1;
    }
    start[++run] = at;
  }
  return { start, positions, values, annotators: countAnnotators() };
}

/** Categories in `compareCategories` order and the category number of each listed record. */
export interface CategoryCodes {
  categories: Category[];
  /** `codes[i]` is the category number of `records[positions[i]]` (of `records[i]` without positions). */
  codes: Int32Array;
}

/**
 * The categories of the records at `positions` (every record when null), in that order, numbered among the categories
 * that occur there in `compareCategories` order. `accept` validates a value (it throws for one the metric cannot use);
 * since validity depends on the value alone it runs once per distinct value, on its first record here.
 */
export function categoryCodes(
  records: readonly AgreementRecord[],
  index: Pick<RecordIndex, 'values' | 'valueCode'>,
  positions: Int32Array | null,
  accept: (record: AgreementRecord) => Category,
): CategoryCodes {
  const { values, valueCode } = index;
  const length = positions === null ? records.length : positions.length;
  const used = new Uint8Array(values.length);
  const codes = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    const r = positions === null ? i : (positions[i] as number);
    const code = valueCode[r] as number;
    if (code < 0 || used[code] === 0) {
      accept(records[r] as AgreementRecord);
      if (code < 0) throw new Error('a ranking value was accepted as a category');
      used[code] = 1;
    }
    codes[i] = code;
  }
  const kept = values.flatMap((_, code) => (used[code] === 1 ? [code] : []));
  kept.sort((x, y) => compareCategories(values[x] as Category, values[y] as Category));
  const renumber = new Int32Array(values.length);
  kept.forEach((code, position) => {
    renumber[code] = position;
  });
  for (let i = 0; i < length; i++) codes[i] = renumber[codes[i] as number] as number;
  return { categories: kept.map((code) => values[code] as Category), codes };
}

const SMALL_INTEGERS = 256;

/** Numbers the categories `valueAt(0 .. length - 1)`, in `compareCategories` order. */
export function codeCategories(length: number, valueAt: (i: number) => Category): CategoryCodes {
  const table = new CategoryTable();
  const codes = new Int32Array(length);
  for (let i = 0; i < length; i++) codes[i] = table.code(valueAt(i));
  const { values } = table;
  const order = values.map((_, i) => i).sort((a, b) => compareCategories(values[a] as Category, values[b] as Category));
  const renumber = new Int32Array(order.length);
  order.forEach((old, position) => {
    renumber[old] = position;
  });
  for (let i = 0; i < codes.length; i++) codes[i] = renumber[codes[i] as number] as number;
  return { categories: order.map((old) => values[old] as Category), codes };
}

/**
 * Numbers values in first-seen order; numbers and strings in separate maps, so 1 and "1" stay apart without a key
 * string per value, and small non-negative integers (ratings, mostly) through a direct table. Rankings get -1.
 */
class CategoryTable {
  readonly values: Category[] = [];
  private readonly small = new Int32Array(SMALL_INTEGERS).fill(-1);
  private readonly numbers = new Map<number, number>();
  private readonly strings = new Map<string, number>();

  code(value: AgreementRecord['value']): number {
    if (typeof value === 'number') {
      if (value >= 0 && value < SMALL_INTEGERS && Number.isInteger(value)) {
        const code = this.small[value] as number;
        if (code !== -1) return code;
        this.small[value] = this.values.length;
      } else {
        const code = this.numbers.get(value);
        if (code !== undefined) return code;
        this.numbers.set(value, this.values.length);
      }
    } else if (typeof value === 'string') {
      const code = this.strings.get(value);
      if (code !== undefined) return code;
      this.strings.set(value, this.values.length);
    } else {
      return -1;
    }
    this.values.push(value);
    return this.values.length - 1;
  }
}

/**
 * Numbers strings in first-seen order: an open-addressing hash table over typed arrays (FNV-1a hash, linear probing,
 * load factor at most 1/2). For a few hundred thousand ids it is several times faster than a Map, which rehashes as
 * it grows and allocates per entry.
 */
export class IdTable {
  readonly ids: string[] = [];
  private hashes: Int32Array;
  private slots: Int32Array;
  private mask: number;

  constructor(expected = 8) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.hashes = new Int32Array(size / 2);
    this.mask = size - 1;
  }

  /** The id's number, adding it if new. */
  number(id: string): number {
    const hash = fnv1a(id);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const n = this.slots[slot] as number;
      if (n === -1) return this.add(id, hash, slot);
      if (this.hashes[n] === hash && this.ids[n] === id) return n;
    }
  }

  private add(id: string, hash: number, slot: number): number {
    const n = this.ids.length;
    this.ids.push(id);
    if (n >= this.hashes.length) {
      this.grow();
      this.hashes[n] = hash;
      this.place(n);
      return n;
    }
    this.hashes[n] = hash;
    this.slots[slot] = n;
    return n;
  }

  private grow() {
    const size = this.slots.length * 2;
    const hashes = new Int32Array(size / 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let n = 0; n < this.ids.length - 1; n++) this.place(n);
  }

  private place(n: number) {
    let slot = (this.hashes[n] as number) & this.mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
    this.slots[slot] = n;
  }
}

/** 32-bit FNV-1a over UTF-16 code units (Fowler, Noll, Vo; IETF draft-eastlake-fnv). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}
