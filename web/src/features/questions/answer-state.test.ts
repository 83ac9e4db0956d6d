import { checkAnswers, findPreset, type Question, questionSchema, type Task } from '@feedbench/shared';
import { describe, expect, it } from 'vitest';
import * as edit from './answer-state.ts';
import { optionIndexFromKey, pairwiseOptions } from './pairwise/pairwise-options.ts';

const outputs = [
  { id: 'x', label: 'A', content: 'First' },
  { id: 'y', label: 'B', content: 'Second' },
  { id: 'z', label: 'C', content: 'Third' },
];
const task = (questions: Question[], draft: Task['draft'] = null, k = 3) => ({
  questions,
  outputs: outputs.slice(0, k),
  draft,
});
const ranking = questionSchema.parse({ id: 'rank', type: 'ranking', label: 'Rank', allowAllBad: true });

describe('ranking state: ties', () => {
  it('the tie key gives an output the rank of the output placed just before it', () => {
    let state = edit.initialState(task([ranking]));
    state = edit.setRank(state, 'rank', 'x', 1);
    expect(edit.tieRank(state, 'rank', 'y')).toBe(1);
    state = edit.setRank(state, 'rank', 'y', edit.tieRank(state, 'rank', 'y'));
    state = edit.setRank(state, 'rank', 'z', 3);
    expect(edit.buildAnswers([ranking], ['x', 'y', 'z'], state)).toEqual({
      rank: { type: 'ranking', groups: [['x', 'y'], ['z']] },
    });
  });

  it('has nothing to tie with before any output is placed, or with the output itself', () => {
    const state = edit.initialState(task([ranking]));
    expect(edit.tieRank(state, 'rank', 'x')).toBeUndefined();
    expect(edit.tieRank(edit.setRank(state, 'rank', 'x', 2), 'rank', 'x')).toBeUndefined();
  });

  it('carries "all outputs are bad" with the groups, and restores both from a draft', () => {
    let state = edit.initialState(task([ranking]));
    for (const [id, rank] of [
      ['x', 2],
      ['y', 1],
      ['z', 2],
    ] as const)
      state = edit.setRank(state, 'rank', id, rank);
    state = edit.setAllBad(state, 'rank', true);
    const built = edit.buildAnswers([ranking], ['x', 'y', 'z'], state);
    expect(built).toEqual({ rank: { type: 'ranking', groups: [['y'], ['x', 'z']], allBad: true } });
    const restored = edit.initialState(task([ranking], { answers: built, updatedAt: '' }));
    expect(edit.buildAnswers([ranking], ['x', 'y', 'z'], restored)).toEqual(built);
  });
});

describe('pairwise state and scale', () => {
  const pairwise = questionSchema.parse({ id: 'pref', type: 'pairwise', label: 'Better?', askSafety: true });
  if (pairwise.type !== 'pairwise') throw new Error('unreachable');
  const two = outputs.slice(0, 2);

  it('offers A strongest to weakest, then B weakest to strongest, then tie and both bad', () => {
    expect(pairwiseOptions(pairwise, two).map((o) => o.label)).toEqual([
      'A significantly better',
      'A better',
      'A slightly better',
      'A negligibly better or unsure',
      'B negligibly better or unsure',
      'B slightly better',
      'B better',
      'B significantly better',
      'Tie: equally good',
      'Both are bad',
    ]);
    expect(pairwiseOptions({ ...pairwise, askStrength: false, allowTie: false }, two).map((o) => o.label)).toEqual([
      'A is better',
      'B is better',
      'Both are bad',
    ]);
  });

  it('maps digit keys 1-9 and 0 to the ten options', () => {
    expect(optionIndexFromKey('1', 10)).toBe(0);
    expect(optionIndexFromKey('0', 10)).toBe(9);
    expect(optionIndexFromKey('0', 9)).toBeUndefined();
    expect(optionIndexFromKey('x', 9)).toBeUndefined();
  });

  it('keeps safety labels given before the choice, and submits only once a choice is made', () => {
    let state = edit.initialState(task([pairwise], null, 2));
    state = edit.setSafety(state, 'pref', 'x', true);
    expect(edit.buildAnswers([pairwise], ['x', 'y'], state)).toEqual({});
    const option = pairwiseOptions(pairwise, two)[6];
    if (!option) throw new Error('no option');
    state = edit.setPairwise(state, 'pref', option.choice);
    state = edit.setSafety(state, 'pref', 'y', false);
    const built = edit.buildAnswers([pairwise], ['x', 'y'], state);
    expect(built).toEqual({
      pref: { type: 'pairwise', verdict: 'preferred', preferred: 'y', strength: 'better', safe: { x: true, y: false } },
    });
    expect(checkAnswers([pairwise], ['x', 'y'], built)).toEqual([]);
  });
});

describe('other types', () => {
  it('flags always answer every output (unticked is no), so they never block Submit', () => {
    const flags = questionSchema.parse({ id: 'meta', type: 'flags', label: 'Metadata' });
    let state = edit.initialState(task([flags]));
    state = edit.toggleFlag(state, 'meta', 'y', 'hallucination');
    state = edit.toggleFlag(state, 'meta', 'y', 'opinion');
    state = edit.toggleFlag(state, 'meta', 'y', 'hallucination');
    const built = edit.buildAnswers([flags], ['x', 'y', 'z'], state);
    expect(built).toEqual({ meta: { type: 'flags', values: { x: [], y: ['opinion'], z: [] } } });
    expect(checkAnswers([flags], ['x', 'y', 'z'], built)).toEqual([]);
  });

  it('a rewrite starts from the first output and restarts from another one when switched', () => {
    const [rewrite] = findPreset('sft-rewrite')?.questions ?? [];
    if (!rewrite) throw new Error('no preset');
    let state = edit.initialState(task([rewrite], null, 2));
    expect(state.answers[rewrite.id]).toEqual({ type: 'demonstration', text: 'First', sourceOutputId: 'x' });
    state = edit.setText(state, rewrite, 'First, improved');
    state = edit.setRewriteSource(state, rewrite.id, { id: 'y', content: 'Second' });
    expect(state.answers[rewrite.id]).toEqual({ type: 'demonstration', text: 'Second', sourceOutputId: 'y' });
  });

  it('single-label classification replaces the choice; multi-label toggles', () => {
    const single = questionSchema.parse({
      id: 'cat',
      type: 'classification',
      label: 'Category',
      options: [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ],
    });
    if (single.type !== 'classification') throw new Error('unreachable');
    let state = edit.toggleOption(edit.initialState(task([single])), single, 'a');
    state = edit.toggleOption(state, single, 'b');
    expect(state.answers.cat).toEqual({ type: 'classification', selected: ['b'] });
    const multi = { ...single, multiple: true };
    state = edit.toggleOption(state, multi, 'a');
    state = edit.toggleOption(state, multi, 'b');
    expect(state.answers.cat).toEqual({ type: 'classification', selected: ['a'] });
  });

  it('attributes collect one value per attribute and output; empty text answers are left out', () => {
    const attributes = questionSchema.parse({ id: 'hs', type: 'attributes', label: 'Attributes' });
    const why = questionSchema.parse({ id: 'why', type: 'rationale', label: 'Why', required: false });
    if (attributes.type !== 'attributes') throw new Error('unreachable');
    let state = edit.initialState(task([attributes, why]));
    state = edit.setScale(state, attributes, 'x', 3, 'helpfulness');
    state = edit.setScale(state, attributes, 'x', 1, 'verbosity');
    state = edit.setText(state, why, '   ');
    expect(edit.buildAnswers([attributes, why], ['x'], state)).toEqual({
      hs: { type: 'attributes', values: { x: { helpfulness: 3, verbosity: 1 } } },
    });
  });
});

describe('drafts come back as editing state', () => {
  it('restores pairwise choices with their safety labels and per-output scales, dropping unknown outputs', () => {
    const [pairwise] = findPreset('llama2-pairwise')?.questions ?? [];
    const [attributes] = findPreset('helpsteer-attributes')?.questions ?? [];
    if (!pairwise || !attributes) throw new Error('no preset');
    const saved = {
      preference: {
        type: 'pairwise' as const,
        verdict: 'preferred' as const,
        preferred: 'y',
        strength: 'slightly-better' as const,
        safe: { x: true, gone: false },
      },
      attributes: { type: 'attributes' as const, values: { x: { helpfulness: 3 }, gone: { helpfulness: 1 } } },
    };
    const state = edit.initialState(task([pairwise, attributes], { answers: saved, updatedAt: '' }, 2));
    expect(state.pairwise.preference).toEqual({
      choice: { verdict: 'preferred', preferred: 'y', strength: 'slightly-better' },
      safe: { x: true },
    });
    expect(edit.buildAnswers([pairwise, attributes], ['x', 'y'], state)).toEqual({
      preference: { ...saved.preference, safe: { x: true } },
      attributes: { type: 'attributes', values: { x: { helpfulness: 3 } } },
    });
  });
});

describe('ranking drafts keep the board', () => {
  it('saves empty rank positions, ties and unranked outputs, and restores every output to its row', () => {
    const four = [...outputs, { id: 'w', label: 'D', content: 'Fourth' }];
    let state = edit.initialState({ questions: [ranking], outputs: four, draft: null });
    state = edit.setRank(state, 'rank', 'z', 4);
    state = edit.setRank(state, 'rank', 'x', 1);
    state = edit.setRank(state, 'rank', 'w', 1);
    const ids = four.map((o) => o.id);
    const draft = edit.buildDraft([ranking], ids, state);
    expect(draft).toEqual({ rank: { type: 'ranking', groups: [['x', 'w'], [], [], ['z']] } });
    const restored = edit.initialState({
      questions: [ranking],
      outputs: four,
      draft: { answers: draft, updatedAt: '' },
    });
    expect(restored.ranks.rank).toEqual({ x: 1, w: 1, z: 4 });
    // What is submitted still collapses the gaps.
    expect(edit.buildAnswers([ranking], ids, restored)).toEqual({
      rank: { type: 'ranking', groups: [['x', 'w'], ['z']] },
    });
  });
});

describe('best of K state', () => {
  const best = questionSchema.parse({ id: 'best', type: 'best-of-k', label: 'Best' });

  it('keeps the chosen output or "none", and restores a draft only while its output is on the item', () => {
    let state = edit.initialState(task([best]));
    expect(edit.buildAnswers([best], ['x', 'y', 'z'], state)).toEqual({});
    state = edit.chooseBest(state, 'best', 'y');
    expect(edit.buildAnswers([best], ['x', 'y', 'z'], state)).toEqual({ best: { type: 'best-of-k', choice: 'y' } });
    state = edit.chooseBest(state, 'best', null);
    const none = edit.buildAnswers([best], ['x', 'y', 'z'], state);
    expect(none).toEqual({ best: { type: 'best-of-k', choice: null } });
    expect(edit.initialState(task([best], { answers: none, updatedAt: '' })).answers).toEqual(none);
    const gone = { best: { type: 'best-of-k' as const, choice: 'w' } };
    expect(edit.initialState(task([best], { answers: gone, updatedAt: '' })).answers).toEqual({});
  });
});
