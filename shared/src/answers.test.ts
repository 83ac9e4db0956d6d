import { describe, expect, it } from 'vitest';
import { type Answers, answersSchema, checkAnswers, rankingPairs } from './answers.ts';
import {
  newQuestion,
  type Question,
  type QuestionInput,
  type QuestionOf,
  type QuestionType,
  questionSchema,
} from './template.ts';

const q = <T extends QuestionType>(input: Extract<QuestionInput, { type: T }>) =>
  questionSchema.parse(input) as QuestionOf<T>;
const messages = (questions: Question[], outputIds: string[], answers: Answers) =>
  checkAnswers(questions, outputIds, answersSchema.parse(answers)).map((p) => p.message);
const AB = ['a', 'b'];
const ABC = ['a', 'b', 'c'];

describe('checkAnswers: required and optional', () => {
  it('names every required question left unanswered and ignores optional ones', () => {
    const questions = [
      q({ id: 'rank', type: 'ranking', label: 'Rank them' }),
      q({ id: 'why', type: 'rationale', label: 'Why', required: false }),
    ];
    expect(messages(questions, ABC, {})).toEqual(['"Rank them" is required']);
  });

  it('rejects answers to questions the template does not have, or of the wrong type', () => {
    const questions = [q({ id: 'why', type: 'rationale', label: 'Why' })];
    expect(
      messages(questions, [], {
        why: { type: 'classification', selected: [] },
        extra: { type: 'rationale', text: 'x' },
      }),
    ).toEqual(['no question "extra" in this template', 'expected a rationale answer']);
  });
});

describe('demonstration', () => {
  it('needs minLength characters after trimming', () => {
    const question = q({ id: 'reply', type: 'demonstration', label: 'Reply', minLength: 5 });
    expect(messages([question], [], { reply: { type: 'demonstration', text: '  abcd  ' } })).toEqual([
      '"Reply" needs at least 5 characters',
    ]);
    expect(messages([question], [], { reply: { type: 'demonstration', text: 'abcde' } })).toEqual([]);
  });

  it('a rewrite names the output it rewrites, which must be one of the item', () => {
    const question = q({ id: 'edit', type: 'demonstration', label: 'Edit', variant: 'rewrite' });
    expect(messages([question], ['m1'], { edit: { type: 'demonstration', text: 'better' } })).toEqual([
      '"Edit": choose the output you rewrite',
    ]);
    expect(messages([question], ['m1'], { edit: { type: 'demonstration', text: 'x', sourceOutputId: 'zz' } })).toEqual([
      'unknown output "zz"',
    ]);
    expect(messages([question], [], { edit: { type: 'demonstration', text: 'x', sourceOutputId: 'zz' } })).toEqual([
      'this item has no model output to rewrite',
    ]);
    expect(messages([question], ['m1'], { edit: { type: 'demonstration', text: 'x', sourceOutputId: 'm1' } })).toEqual(
      [],
    );
  });

  it("a continuation takes the user's next message only when asked, and demands it when required", () => {
    const off = q({ id: 'next', type: 'demonstration', label: 'Next', variant: 'continue' });
    const required = q({ ...off, nextUserTurn: 'required' });
    const optional = q({ ...off, nextUserTurn: 'optional' });
    const reply = { type: 'demonstration' as const, text: 'Sure.' };
    expect(messages([off], [], { next: { ...reply, nextUserTurn: 'Thanks' } })).toEqual([
      "this question does not take the user's next message",
    ]);
    expect(messages([required], [], { next: reply })).toEqual(['"Next": write the user\'s next message too']);
    expect(messages([optional], [], { next: reply })).toEqual([]);
    expect(messages([required], [], { next: { ...reply, nextUserTurn: 'And then?' } })).toEqual([]);
  });
});

describe('ranking: ties and "all bad"', () => {
  const ranking = q({ id: 'rank', type: 'ranking', label: 'Rank' });
  it('accepts ties as groups and needs every output exactly once', () => {
    expect(messages([ranking], ABC, { rank: { type: 'ranking', groups: [['a'], ['b', 'c']] } })).toEqual([]);
    expect(messages([ranking], ABC, { rank: { type: 'ranking', groups: [['a'], ['a', 'c']] } })).toEqual([
      'an output is ranked twice',
      'rank every output (missing b)',
    ]);
  });

  it('refuses ties when the question forbids them', () => {
    const strict = q({ ...ranking, allowTies: false });
    expect(messages([strict], ABC, { rank: { type: 'ranking', groups: [['a', 'b'], ['c']] } })).toEqual([
      'ties are not allowed in this project',
    ]);
  });

  it('takes "all outputs are bad" only where offered', () => {
    const answer = { rank: { type: 'ranking' as const, groups: [['a'], ['b'], ['c']], allBad: true } };
    expect(messages([ranking], ABC, answer)).toEqual(['"all outputs are bad" is not offered in this project']);
    expect(messages([q({ ...ranking, allowAllBad: true })], ABC, answer)).toEqual([]);
  });

  it('tied outputs induce no training pair', () => {
    expect(rankingPairs([['a'], ['b', 'c']])).toEqual([
      ['a', 'b'],
      ['a', 'c'],
    ]);
    expect(rankingPairs([['a', 'b', 'c']])).toEqual([]);
  });
});

describe('pairwise', () => {
  const pairwise = q({ id: 'pref', type: 'pairwise', label: 'Better?' });
  it('a preference names the better output and, by default, its strength', () => {
    expect(messages([pairwise], AB, { pref: { type: 'pairwise', verdict: 'preferred' } })).toEqual([
      '"Better?": choose the better output',
      '"Better?": say how much better it is',
    ]);
    expect(
      messages([pairwise], AB, {
        pref: { type: 'pairwise', verdict: 'preferred', preferred: 'b', strength: 'better' },
      }),
    ).toEqual([]);
  });

  it('tie and both-bad prefer nothing, and are refused where the template turns them off', () => {
    expect(messages([pairwise], AB, { pref: { type: 'pairwise', verdict: 'tie' } })).toEqual([]);
    expect(messages([pairwise], AB, { pref: { type: 'pairwise', verdict: 'both-bad', preferred: 'a' } })).toEqual([
      'a both-bad verdict prefers no output',
    ]);
    const forced = q({ ...pairwise, allowTie: false, allowBothBad: false });
    expect(messages([forced], AB, { pref: { type: 'pairwise', verdict: 'tie' } })).toEqual([
      'ties are not allowed in this project',
    ]);
    expect(messages([forced], AB, { pref: { type: 'pairwise', verdict: 'both-bad' } })).toEqual([
      '"both are bad" is not offered in this project',
    ]);
  });

  it('compares exactly two outputs', () => {
    expect(messages([pairwise], ABC, { pref: { type: 'pairwise', verdict: 'tie' } })).toEqual([
      '"Better?" compares exactly 2 outputs; this item has 3',
    ]);
  });

  it('asks a safety label for each output only when configured', () => {
    const safety = q({ ...pairwise, askSafety: true });
    const tie = { type: 'pairwise' as const, verdict: 'tie' as const };
    expect(messages([safety], AB, { pref: { ...tie, safe: { a: true } } })).toEqual([
      'say whether every output is safe',
    ]);
    expect(messages([safety], AB, { pref: { ...tie, safe: { a: true, b: false } } })).toEqual([]);
    expect(messages([pairwise], AB, { pref: { ...tie, safe: { a: true } } })).toEqual([
      'this question does not ask for safety labels',
    ]);
  });
});

describe('per-output scales', () => {
  it('a required Likert rating needs a value in range for every output', () => {
    const rating = q({ id: 'quality', type: 'rating', label: 'Quality', min: 1, max: 7 });
    const problems = checkAnswers([rating], AB, { quality: { type: 'rating', values: { a: 9, x: 3 } } });
    expect(problems).toEqual([
      { path: ['quality', 'values', 'a'], message: 'must be between 1 and 7', outputId: 'a' },
      { path: ['quality', 'values', 'b'], message: 'rate every output for "Quality"', outputId: 'b' },
      { path: ['quality', 'values', 'x'], message: 'unknown output "x"', outputId: 'x' },
    ]);
  });

  it('multi-attribute scales default to HelpSteer2 (five attributes, 0-4) and need each one per output', () => {
    const attributes = q({ id: 'hs', type: 'attributes', label: 'Attributes' });
    if (attributes.type !== 'attributes') throw new Error('unreachable');
    expect(attributes.attributes.map((a) => a.id)).toEqual([
      'helpfulness',
      'correctness',
      'coherence',
      'complexity',
      'verbosity',
    ]);
    expect([attributes.min, attributes.max]).toEqual([0, 4]);
    const full = { helpfulness: 4, correctness: 3, coherence: 4, complexity: 0, verbosity: 2 };
    expect(checkAnswers([attributes], AB, { hs: { type: 'attributes', values: { a: full, b: full } } })).toEqual([]);
    const problems = checkAnswers([attributes], AB, {
      hs: { type: 'attributes', values: { a: full, b: { ...full, verbosity: 5, tone: 1 } } },
    });
    expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['hs.values.b.verbosity', 'must be between 0 and 4'],
      ['hs.values.b.tone', 'unknown attribute "tone"'],
    ]);
  });

  it('flags default to the InstructGPT metadata list; unticked means no, but each output must be reviewed', () => {
    const flags = q({ id: 'meta', type: 'flags', label: 'Metadata' });
    if (flags.type !== 'flags') throw new Error('unreachable');
    expect(flags.flags).toHaveLength(10);
    expect(flags.flags.map((f) => f.id)).toContain('hallucination');
    expect(messages([flags], AB, { meta: { type: 'flags', values: { a: ['hallucination'], b: [] } } })).toEqual([]);
    expect(messages([flags], AB, { meta: { type: 'flags', values: { a: ['nope', 'nope'] } } })).toEqual([
      'a flag is given twice',
      'unknown flag "nope"',
      'unknown flag "nope"',
      'review every output for "Metadata"',
    ]);
  });
});

describe('rationale and classification', () => {
  it('an optional rationale may be left out, but a given one meets the minimum length', () => {
    const why = q({ id: 'why', type: 'rationale', label: 'Why', required: false, minLength: 20 });
    expect(messages([why], [], {})).toEqual([]);
    expect(messages([why], [], { why: { type: 'rationale', text: 'too short' } })).toEqual([
      '"Why" needs at least 20 characters',
    ]);
  });

  it('single-label takes one option, multi-label any number, and only known options', () => {
    const single = newQuestion('classification', 'cat') as QuestionOf<'classification'>;
    const multi = q({ ...single, multiple: true });
    expect(messages([single], [], { cat: { type: 'classification', selected: ['option-1', 'option-2'] } })).toEqual([
      '"Category of the prompt" takes one option',
    ]);
    expect(messages([multi], [], { cat: { type: 'classification', selected: ['option-1', 'option-2'] } })).toEqual([]);
    expect(messages([multi], [], { cat: { type: 'classification', selected: [] } })).toEqual([
      '"Category of the prompt" is required',
    ]);
    expect(messages([multi], [], { cat: { type: 'classification', selected: ['french'] } })).toEqual([
      'unknown option "french"',
    ]);
  });
});
