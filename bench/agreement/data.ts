import { type AgreementRecord, compareIds, mulberry32, type RankingValue } from '@feedbench/shared';

/**
 * Seeded synthetic annotation data, in the order an export lists it (a unit's records together). Ratings: each unit
 * has a true value 1..5; an annotator gives it with probability 0.6, otherwise a uniform value, so agreement is
 * middling (alpha about 0.36) and every category is used. Rankings: each item's K outputs have true scores; an
 * annotator ranks them by score plus noise and ties the two middle outputs one time in ten.
 */
export function ratingRecords(units: number, annotators: number, seed: number): AgreementRecord[] {
  const random = mulberry32(seed);
  const annotatorIds = Array.from({ length: annotators }, (_, a) => `a${a}`);
  const records: AgreementRecord[] = [];
  for (let u = 0; u < units; u++) {
    const unit = `u${String(u).padStart(6, '0')}`;
    const truth = 1 + Math.floor(random() * 5);
    for (const annotator of annotatorIds) {
      records.push({ unit, annotator, value: random() < 0.6 ? truth : 1 + Math.floor(random() * 5) });
    }
  }
  return records;
}

export function rankingRecords(items: number, annotators: number, k: number, seed: number): AgreementRecord[] {
  const random = mulberry32(seed);
  const outputs = Array.from({ length: k }, (_, o) => `o${o}`);
  const records: AgreementRecord[] = [];
  for (let i = 0; i < items; i++) {
    const unit = `i${String(i).padStart(6, '0')}`;
    const quality = outputs.map(() => random());
    for (let a = 0; a < annotators; a++) {
      const order = outputs
        .map((id, o) => ({ id, score: (quality[o] as number) + 0.5 * random() }))
        .sort((x, y) => y.score - x.score)
        .map((o) => o.id);
      const value: RankingValue =
        random() < 0.1 && k >= 3
          ? [order[0] as string, [order[1] as string, order[2] as string], ...order.slice(3)]
          : order;
      records.push({ unit, annotator: `a${a}`, value });
    }
  }
  return records;
}

/**
 * Record orders: `export` lists a unit's records together (as Feedbench's exports and most files do); `annotator`
 * lists each annotator's records together, as parsed from JSON (fresh objects and strings); `shuffled` is a seeded
 * random order, the worst case for memory locality.
 */
export const RECORD_ORDERS = ['export', 'annotator', 'shuffled'] as const;
export type RecordOrder = (typeof RECORD_ORDERS)[number];

export function inOrder(records: AgreementRecord[], order: RecordOrder): AgreementRecord[] {
  if (order === 'export') return records;
  if (order === 'annotator') {
    const sorted = [...records].sort((a, b) => compareIds(a.annotator, b.annotator) || compareIds(a.unit, b.unit));
    return JSON.parse(JSON.stringify(sorted));
  }
  const random = mulberry32(7);
  const shuffled = [...records];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as AgreementRecord, shuffled[i] as AgreementRecord];
  }
  return shuffled;
}
