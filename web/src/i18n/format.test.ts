import { describe, expect, it } from 'vitest';
import { scoreFormatter } from './format.ts';

describe('scoreFormatter', () => {
  const score = scoreFormatter('en');
  it('writes ordinary scores with up to 3 decimals', () => {
    expect(score(0.7345)).toBe('0.735');
    expect(score(-2.5)).toBe('-2.5');
    expect(score(0)).toBe('0');
    expect(score(123_456)).toBe('123,456');
  });
  it('writes huge and tiny ones in scientific notation, never as a wall of digits or a bare 0', () => {
    expect(score(1.7976931348623157e308)).toBe('1.798E308');
    expect(score(-3e7)).toBe('-3E7');
    expect(score(1e-9)).toBe('1E-9');
  });
});
