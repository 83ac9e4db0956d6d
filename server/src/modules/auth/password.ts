import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters, stored with each hash (`scrypt$N$r$p$salt$hash`, base64). */
export interface ScryptCost {
  n: number;
  r: number;
  p: number;
}

/**
 * OWASP's parameters (N = 2^17, r = 8, p = 1): what every server, CLI run and seed uses. Stored with the hash, so the
 * cost can be raised later without invalidating existing hashes. Only the integration-test harness passes a lower
 * cost (as Django's test settings do): thousands of test accounts at ~0.4 s and 128 MiB each were most of CI's time.
 */
export const SCRYPT_COST: ScryptCost = { n: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;
// scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is below that.
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEMORY }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost: ScryptCost = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost.n, cost.r, cost.p);
  return ['scrypt', cost.n, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A stored hash no password matches (a random salt and a random key at the given cost): verifying against it costs
 * the same as a real one, so timing does not tell whether an account exists. Made of random bytes rather than by
 * hashing a random password at start, which cost every process (server and each CLI run) a 128 MiB scrypt at load.
 */
export function unmatchableHash(cost: ScryptCost = SCRYPT_COST): string {
  return [
    'scrypt',
    cost.n,
    cost.r,
    cost.p,
    randomBytes(16).toString('base64'),
    randomBytes(KEY_LENGTH).toString('base64'),
  ].join('$');
}
