import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig (security settings)', () => {
  it('trusts no proxy unless told, and reads hop counts and address lists', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    const hops = loadConfig({ TRUST_PROXY: '1' }).trustProxy as (address: string, hop: number) => boolean;
    expect([hops('x', 0), hops('x', 1)]).toEqual([true, false]);
  });

  it('has sign-in throttling on by default and refuses nonsense limits', () => {
    expect(loadConfig({}).loginLimits).toEqual({ failuresPerAccount: 10, failuresPerAddress: 50, windowMinutes: 15 });
    expect(() => loadConfig({ LOGIN_MAX_FAILURES: '0' })).toThrow(/LOGIN_MAX_FAILURES/);
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
  });

  it("hashes passwords at OWASP's cost: no environment variable lowers it", () => {
    for (const name of ['PASSWORD_COST', 'PASSWORD_HASH_COST', 'SCRYPT_N', 'passwordCost']) {
      expect(loadConfig({ [name]: '1024' }).passwordCost).toBeUndefined();
    }
  });

  it('listens on loopback only unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('localhost');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('refuses to seed the demo in production mode', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', FEEDBENCH_DEMO: 'true' })).toThrow(/FEEDBENCH_DEMO/);
    expect(loadConfig({ FEEDBENCH_DEMO: 'true' }).demo).toBe(true);
  });
});
