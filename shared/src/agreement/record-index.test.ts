import { describe, expect, it } from 'vitest';
import { alignTwoAnnotators, IdTable, indexRecords, recordAt, unitRuns } from './record-index.ts';

const record = (unit: string, annotator: string, value = 1) => ({ unit, annotator, value });

describe('indexRecords', () => {
  it('uses records grouped by unit in place', () => {
    const index = indexRecords([record('u1', 'a'), record('u1', 'b'), record('u2', 'a'), record('u3', 'b')]);
    expect(index.byUnit).toBeNull();
    expect([...index.unitStart]).toEqual([0, 2, 3, 4]);
    expect(index.unitIds).toEqual(['u1', 'u2', 'u3']);
    expect([...index.annotatorOf]).toEqual([0, 1, 0, 1]);
  });

  it('groups records by unit when a unit comes back after another', () => {
    const records = [record('u1', 'a'), record('u2', 'a'), record('u2', 'b'), record('u1', 'b'), record('u3', 'a')];
    const index = indexRecords(records);
    expect(index.unitIds).toEqual(['u1', 'u2', 'u3']);
    expect([...index.unitStart]).toEqual([0, 2, 4, 5]);
    const grouped = Array.from({ length: 5 }, (_, i) => records[recordAt(index, i)]);
    expect(grouped.map((r) => `${r?.unit}/${r?.annotator}`)).toEqual(['u1/a', 'u1/b', 'u2/a', 'u2/b', 'u3/a']);
  });

  it('refuses a second value from one annotator for one unit, grouped or not', () => {
    expect(() => indexRecords([record('u1', 'a'), record('u1', 'a', 2)])).toThrow(/annotator "a" has two values/);
    expect(() => indexRecords([record('u1', 'a'), record('u2', 'a'), record('u1', 'a', 2)])).toThrow(
      /annotator "a" has two values for unit "u1"/,
    );
  });
});

describe('unitRuns', () => {
  it('keeps units with enough values and counts their annotators', () => {
    const index = indexRecords([record('u1', 'a'), record('u1', 'b'), record('u2', 'c'), record('u3', 'a')]);
    const runs = unitRuns(index);
    expect([...runs.start]).toEqual([0, 2]);
    expect(runs.positions && [...runs.positions]).toEqual([0, 1]);
    expect(runs.annotators).toBe(2);
  });
});

describe('IdTable', () => {
  it('numbers ids in first-seen order through many resizes', () => {
    const table = new IdTable();
    const ids = Array.from({ length: 5000 }, (_, i) => `id-${(i * 7919) % 5000}`);
    const numbers = ids.map((id) => table.number(id));
    expect(numbers).toEqual(ids.map((_, i) => i));
    expect(ids.map((id) => table.number(id))).toEqual(numbers);
    expect(table.ids).toEqual(ids);
  });
});

describe('alignTwoAnnotators', () => {
  it('pairs the two annotators’ records of each unit both rated, first annotator in id order first', () => {
    const records = [record('u1', 'b', 1), record('u2', 'b', 2), record('u1', 'a', 3), record('u3', 'a', 4)];
    const aligned = alignTwoAnnotators(records);
    expect(aligned.annotatorIds).toEqual(['b', 'a']);
    expect([...aligned.pairs]).toEqual([2, 0]);
  });

  it('refuses a second value for a unit, and grows past its first thousand units', () => {
    const many = Array.from({ length: 3000 }, (_, i) => record(`u${i}`, 'a'));
    expect(alignTwoAnnotators([...many, record('u2999', 'b')]).pairs).toHaveLength(2);
    expect(() => alignTwoAnnotators([record('u1', 'a'), record('u1', 'a')])).toThrow(/two values for unit "u1"/);
  });
});
