import { createHash } from 'node:crypto';
import type { Message } from '@feedbench/shared';

/**
 * What keeps related conversations together: the first user turn. Every conversation that continues another, and
 * every item that repeats a prompt, shares it, so none of them can sit on both sides of a split.
 */
export function splitGroupKey(conversation: readonly Message[]): string {
  return conversation.find((m) => m.role === 'user')?.content ?? conversation[0]?.content ?? '';
}

/**
 * The side of a seeded train/test split an item falls on: a hash of (seed, group key) read as a number in [0, 1)
 * and compared with the test fraction. Decided per item with no state, so it streams and never changes as the
 * project grows; the test share is the fraction in expectation, not exactly.
 */
export function splitOf(conversation: readonly Message[], seed: number, testFraction: number): 'train' | 'test' {
  const digest = createHash('sha256')
    .update(`${seed}\u0000${splitGroupKey(conversation)}`)
    .digest();
  // 48 bits are plenty for a fraction and stay exact in a double.
  return digest.readUIntBE(0, 6) / 2 ** 48 < testFraction ? 'test' : 'train';
}
