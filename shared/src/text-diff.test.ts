import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordDiff } from './text-diff.ts';

const rebuild = (parts: ReturnType<typeof wordDiff>, side: 'before' | 'after') =>
  parts
    .filter((p) => p.op === 'same' || p.op === (side === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('wordDiff', () => {
  it('marks the changed words and keeps the rest', () => {
    expect(wordDiff('The cat sat on the mat.', 'The dog sat on the mat.')).toEqual([
      { op: 'same', text: 'The ' },
      { op: 'removed', text: 'cat' },
      { op: 'added', text: 'dog' },
      { op: 'same', text: ' sat on the mat.' },
    ]);
  });

  it('always rebuilds both texts exactly', () => {
    const words = fc.array(fc.constantFrom('a', 'b', 'c', ' ', '\n', 'dd'), { maxLength: 40 }).map((w) => w.join(''));
    fc.assert(
      fc.property(words, words, (before, after) => {
        const parts = wordDiff(before, after);
        expect(rebuild(parts, 'before')).toBe(before);
        expect(rebuild(parts, 'after')).toBe(after);
      }),
    );
  });

  it('stays fast on long texts by falling back to a block replacement', () => {
    const long = 'word '.repeat(50_000);
    const parts = wordDiff(long, `x ${long}y`);
    expect(rebuild(parts, 'after')).toBe(`x ${long}y`);
  });
});
