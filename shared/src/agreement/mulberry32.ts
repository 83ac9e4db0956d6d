/**
 * Mulberry32, a 32-bit seeded PRNG by Tommy Ettinger (2017, public domain; reference code in bryc/code,
 * jshash/PRNGs.md). Uniform on [0, 1). Math.random cannot be seeded, and bootstrap intervals must be reproducible:
 * the same records and seed always give the same interval.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
