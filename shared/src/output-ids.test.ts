import { describe, expect, it } from 'vitest';
import type { Answers } from './answers.ts';
import { mapOutputIds } from './output-ids.ts';

const toBlind: Record<string, string> = { chosen: 'x1', rejected: 'x2' };
const translate = (id: string) => toBlind[id];

describe('mapOutputIds', () => {
  it('rewrites every output id an answer refers to, and nothing else', () => {
    const answers: Answers = {
      rank: { type: 'ranking', groups: [['chosen'], ['rejected']], allBad: false },
      pair: { type: 'pairwise', verdict: 'preferred', preferred: 'rejected', safe: { chosen: true, rejected: false } },
      rate: { type: 'rating', values: { chosen: 7, rejected: 2 } },
      attrs: { type: 'attributes', values: { chosen: { honest: 3 } } },
      flags: { type: 'flags', values: { rejected: ['rude'] } },
      demo: { type: 'demonstration', text: 'chosen stays text', sourceOutputId: 'chosen' },
      why: { type: 'rationale', text: 'rejected' },
      cls: { type: 'classification', selected: ['chosen'] },
    };
    expect(mapOutputIds(answers, translate)).toEqual({
      rank: { type: 'ranking', groups: [['x1'], ['x2']], allBad: false },
      pair: { type: 'pairwise', verdict: 'preferred', preferred: 'x2', safe: { x1: true, x2: false } },
      rate: { type: 'rating', values: { x1: 7, x2: 2 } },
      attrs: { type: 'attributes', values: { x1: { honest: 3 } } },
      flags: { type: 'flags', values: { x2: ['rude'] } },
      demo: { type: 'demonstration', text: 'chosen stays text', sourceOutputId: 'x1' },
      why: { type: 'rationale', text: 'rejected' },
      cls: { type: 'classification', selected: ['chosen'] },
    });
  });

  it('drops references to ids the mapping does not know, and a ranking left empty, keeping rank positions', () => {
    const answers: Answers = {
      rank: { type: 'ranking', groups: [['gpt-4']] },
      mixed: { type: 'ranking', groups: [['gpt-4', 'chosen'], ['b']] },
      rate: { type: 'rating', values: { 'gpt-4': 1, rejected: 2 } },
      pair: { type: 'pairwise', verdict: 'preferred', preferred: 'gpt-4' },
      demo: { type: 'demonstration', text: 't', sourceOutputId: 'gpt-4' },
      best: { type: 'best-of-k', choice: 'gpt-4' },
      none: { type: 'best-of-k', choice: null },
    };
    expect(mapOutputIds(answers, translate)).toEqual({
      // The second position stays, empty: a draft restores the board's gaps where they were.
      mixed: { type: 'ranking', groups: [['x1'], []] },
      rate: { type: 'rating', values: { x2: 2 } },
      pair: { type: 'pairwise', verdict: 'preferred' },
      demo: { type: 'demonstration', text: 't' },
      none: { type: 'best-of-k', choice: null },
    });
  });
});
