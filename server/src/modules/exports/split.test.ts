import { describe, expect, it } from 'vitest';
import { splitGroupKey, splitOf } from './split.ts';

const user = (content: string) => ({ role: 'user' as const, content });

describe('splitOf', () => {
  it('keeps every conversation that opens with the same user turn on one side', () => {
    for (let seed = 0; seed < 50; seed++) {
      const bare = splitOf([user('Hello there')], seed, 0.5);
      const continued = splitOf(
        [
          { role: 'system', content: 'Be kind.' },
          user('Hello there'),
          { role: 'assistant', content: 'Hi' },
          user('More'),
        ],
        seed,
        0.5,
      );
      expect(continued).toBe(bare);
    }
    expect(splitGroupKey([{ role: 'system', content: 'S' }, user('U')])).toBe('U');
  });

  it('is deterministic per seed and close to the test fraction', () => {
    const prompts = Array.from({ length: 10_000 }, (_, i) => [user(`prompt ${i}`)]);
    const sides = prompts.map((p) => splitOf(p, 42, 0.2));
    expect(prompts.map((p) => splitOf(p, 42, 0.2))).toEqual(sides);
    const share = sides.filter((s) => s === 'test').length / sides.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.22);
    expect(prompts.map((p) => splitOf(p, 43, 0.2))).not.toEqual(sides);
  });
});
