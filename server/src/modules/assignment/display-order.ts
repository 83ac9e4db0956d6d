import { randomInt } from 'node:crypto';

/** A uniformly random permutation (Fisher-Yates): the order outputs are shown in, recorded with the lease. */
export function shuffledDisplayOrder(outputIds: readonly string[]): string[] {
  const order = [...outputIds];
  for (let i = order.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  return order;
}

/** Stable labels A, B, C... by display position. */
export function outputLabel(position: number): string {
  return String.fromCharCode(65 + position);
}
