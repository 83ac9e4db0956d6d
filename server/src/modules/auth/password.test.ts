import { describe, expect, it } from 'vitest';
import { hashPassword, SCRYPT_COST, unmatchableHash, verifyPassword } from './password.ts';

const HASH = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/;

describe('password hashes', () => {
  it("use OWASP's scrypt cost unless told otherwise, and verify", async () => {
    expect(SCRYPT_COST).toEqual({ n: 131072, r: 8, p: 1 });
    const stored = await hashPassword('correct horse battery');
    expect(stored.match(HASH)?.slice(1)).toEqual(['131072', '8', '1']);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('verify at the cost stored with the hash, whatever the cost of new hashes', async () => {
    const cheap = await hashPassword('a cheaper one', { n: 1024, r: 8, p: 1 });
    expect(cheap.match(HASH)?.slice(1)).toEqual(['1024', '8', '1']);
    expect(await verifyPassword('a cheaper one', cheap)).toBe(true);
    // Two hashes of one password differ (random salt).
    expect(await hashPassword('a cheaper one', { n: 1024, r: 8, p: 1 })).not.toBe(cheap);
  });

  it('make unmatchable hashes at the given cost that no password verifies against', async () => {
    const dummy = unmatchableHash();
    expect(dummy.match(HASH)?.slice(1)).toEqual(['131072', '8', '1']);
    expect(await verifyPassword('', dummy)).toBe(false);
    expect(unmatchableHash({ n: 1024, r: 8, p: 1 }).match(HASH)?.slice(1)).toEqual(['1024', '8', '1']);
    expect(await verifyPassword('anything', 'not a hash')).toBe(false);
  });
});
