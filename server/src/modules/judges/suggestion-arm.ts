import { createHash } from 'node:crypto';
import type { SuggestionArm } from '@feedbench/shared';

/**
 * The experiment's arm of one assignment (item x annotator): a seeded hash, so the same assignment gets the same arm
 * on every serve and every instance, without storing a randomisation table up front; across assignments the first
 * bit of SHA-256 is a fair coin, so the arms are balanced in expectation (suggestion-arm.test.ts checks the split).
 * A different seed re-randomises every assignment.
 */
export function suggestionArm(seed: number, itemId: string, userId: string): SuggestionArm {
  const digest = createHash('sha256').update(`${seed}:${itemId}:${userId}`).digest();
  return ((digest[0] as number) & 1) === 0 ? 'shown' : 'hidden';
}
