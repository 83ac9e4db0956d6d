import { describe, expect, it } from 'vitest';
import { goldSettingsSchema } from '../template.ts';
import { belowGoldThreshold, goldAccuracy, shouldAutoPause } from './gold-accuracy.ts';

const settings = goldSettingsSchema.parse({ rate: 0.2, minAccuracy: 0.7, minAnswers: 3, autoPause: true });

describe('goldAccuracy', () => {
  it('is the mean over scored gold answers, leaving unscored ones out', () => {
    expect(goldAccuracy([1, 0, 0.5, null])).toEqual({ answered: 3, accuracy: 0.5 });
    expect(goldAccuracy([null])).toEqual({ answered: 0, accuracy: null });
  });
});

describe('auto-pause threshold', () => {
  it('waits for minAnswers before judging', () => {
    expect(shouldAutoPause(settings, goldAccuracy([0, 0]))).toBe(false);
    expect(shouldAutoPause(settings, goldAccuracy([0, 0, 0]))).toBe(true);
  });
  it('passes an annotator exactly at the threshold, also when partial scores round', () => {
    expect(belowGoldThreshold(settings, goldAccuracy([1, 1, 1, 1, 1, 1, 1, 0, 0, 0]))).toBe(false);
    // (0.1 + 0.1 + 0.7 + 0.7) / 4 is 0.4 on paper but 0.39999999999999997 in floating point.
    const rounded = goldAccuracy([0.1, 0.1, 0.7, 0.7]);
    expect(rounded.accuracy).toBeLessThan(0.4);
    expect(belowGoldThreshold({ minAccuracy: 0.4, minAnswers: 4 }, rounded)).toBe(false);
    expect(belowGoldThreshold(settings, { answered: 10, accuracy: 0.69 })).toBe(true);
  });
  it('never pauses when auto-pause is off', () => {
    expect(shouldAutoPause({ ...settings, autoPause: false }, goldAccuracy([0, 0, 0]))).toBe(false);
  });
});
