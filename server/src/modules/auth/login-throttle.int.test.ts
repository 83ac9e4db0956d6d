import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type FakeClock, type TestHarness } from '../../test/test-app.ts';
import { SCRYPT_COST } from './password.ts';

const RIGHT = 'the right password';

/** A real server on a real port: the requests below are truly parallel HTTP requests, not queued inject() calls. */
async function listening(h: TestHarness) {
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = h.app.server.address() as AddressInfo;
  return (email: string, password: string, address: string) =>
    fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      // TRUST_PROXY is on: X-Forwarded-For is the client address the limits key on.
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ email, password }),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { error: { code: string } },
    }));
}

describe('parallel guesses against one account', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await buildTestApp({
      config: {
        trustProxy: true,
        // A queue long enough that only the attempt counter stops the burst.
        passwordHashing: { maxConcurrent: 2, maxQueued: 100, maxQueuedPerLane: 100 },
        // Hashes at the real cost: the burst must still be hashing while later guesses arrive.
        passwordCost: SCRYPT_COST,
      },
    });
  }, 60_000);
  afterAll(() => h.close());

  it('checks at most the limit of passwords, however many guesses arrive at once', async () => {
    const login = await listening(h);
    const person = await h.services.auth.createUser({ email: 'target@test.local', password: RIGHT, role: 'annotator' });
    const guesses = [...Array.from({ length: 30 }, (_, i) => `wrong guess ${i}`), RIGHT];
    const answers = await Promise.all(guesses.map((password) => login(person.email, password, '198.51.100.20')));
    const checked = answers.filter((a) => a.status === 200 || a.status === 401);
    // The harness allows 10 failures per (address, email): never more checked, the rest refused before hashing.
    expect(checked.length).toBeLessThanOrEqual(10);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(31 - checked.length);
    for (const refused of answers.filter((a) => a.status === 429)) {
      expect(refused.body.error.code).toBe('auth.too_many_attempts');
    }
    if (!answers.some((a) => a.status === 200)) {
      // The right password, after ten wrong ones, is refused like any other guess.
      expect((await login(person.email, RIGHT, '198.51.100.20')).status).toBe(429);
    }
  }, 120_000);
});

describe('bounded password hashing', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await buildTestApp({
      config: {
        trustProxy: true,
        passwordHashing: { maxConcurrent: 2, maxQueued: 32, maxQueuedPerLane: 4 },
        // Hashes at the real cost: the queue fills only while hashes take their real time.
        passwordCost: SCRYPT_COST,
      },
    });
  }, 60_000);
  afterAll(() => h.close());

  it('never hashes more than the bound at once, refuses a burst past its queue, and still serves another address', async () => {
    const login = await listening(h);
    const person = await h.services.auth.createUser({
      email: 'bystander@test.local',
      password: RIGHT,
      role: 'annotator',
    });
    const burst = Array.from({ length: 16 }, (_, i) => login(`sprayed-${i}@test.local`, 'wrong guess', '203.0.113.50'));
    const legit = login(person.email, RIGHT, '192.0.2.7');
    const [answers, mine] = await Promise.all([Promise.all(burst), legit]);
    expect(mine.status).toBe(200);
    expect(h.services.auth.hashingStats().peak).toBeLessThanOrEqual(2);
    // Two hashing and four waiting from that address; the other ten refused at once, without a hash.
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(6);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    for (const answer of refused) expect(answer.body.error.code).toBe('auth.too_many_at_once');
    // Refused-for-busy attempts are not failures: the address's counters took them back.
    expect(h.services.auth.hashingStats()).toMatchObject({ inFlight: 0, queued: 0 });
  }, 120_000);
});

describe('per-account delay across addresses', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await buildTestApp({
      config: {
        loginAccountDelay: { freeFailures: 3, baseDelaySeconds: 2, maxDelaySeconds: 8, forgetAfterSeconds: 600 },
      },
    });
  }, 60_000);
  afterAll(() => h.close());

  let n = 0;
  // Every attempt from a new address: the per-address limits never apply, only the per-email delay.
  const login = async (email: string, password: string) => {
    n += 1;
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
      remoteAddress: `10.0.${Math.floor(n / 250)}.${n % 250}`,
    });
    return { status: response.statusCode, body: response.json() };
  };
  const advance = (seconds: number) => (h.clock as FakeClock).advance(seconds * 1000);

  it('makes each attempt past the free failures wait twice as long, the same for an unknown email', async () => {
    const person = await h.services.auth.createUser({ email: 'owner@test.local', password: RIGHT, role: 'annotator' });
    for (const email of [person.email, 'nobody-at-all@test.local']) {
      const seen: number[] = [];
      for (let i = 0; i < 3; i++) seen.push((await login(email, 'wrong guess')).status);
      expect(seen).toEqual([401, 401, 401]);
      const waits: number[] = [];
      for (let i = 0; i < 4; i++) {
        const refused = await login(email, RIGHT);
        expect(refused.status).toBe(429);
        const wait = refused.body.error.details.retryAfterSeconds;
        waits.push(wait);
        advance(wait - 1);
        expect((await login(email, RIGHT)).status).toBe(429);
        advance(1);
        expect((await login(email, 'wrong guess')).status).toBe(401);
      }
      expect(waits).toEqual([2, 4, 8, 8]);
    }
  }, 180_000);

  it('lets the owner in once the delay is over and starts again from zero', async () => {
    const person = await h.services.auth.createUser({
      email: 'patient@test.local',
      password: RIGHT,
      role: 'annotator',
    });
    for (let i = 0; i < 3; i++) await login(person.email, 'wrong guess');
    expect((await login(person.email, RIGHT)).status).toBe(429);
    advance(2);
    expect((await login(person.email, RIGHT)).status).toBe(200);
    const again: number[] = [];
    for (let i = 0; i < 4; i++) again.push((await login(person.email, 'wrong guess')).status);
    expect(again).toEqual([401, 401, 401, 429]);
  }, 120_000);

  it('forgets the failures after a quiet while', async () => {
    const person = await h.services.auth.createUser({
      email: 'forgotten@test.local',
      password: RIGHT,
      role: 'annotator',
    });
    for (let i = 0; i < 3; i++) await login(person.email, 'wrong guess');
    advance(601);
    expect((await login(person.email, 'wrong guess')).status).toBe(401);
    expect((await login(person.email, RIGHT)).status).toBe(200);
  }, 120_000);
});
