/** Time as a dependency, so tests can move it (lease expiry, session expiry) without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
