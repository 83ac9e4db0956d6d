import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../db/client.ts';
import { accountsWithKnownPasswords } from '../modules/auth/known-passwords.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { buildTestApp, type TestHarness } from '../test/test-app.ts';
import { DEMO_ACCOUNTS, seedDemo } from './seed-demo.ts';

const OLD_FIXED = ['feedbench-admin', 'feedbench-researcher', 'feedbench-annotator'];

let h: TestHarness;
let dir: string;
beforeAll(async () => {
  // A database of its own: the demo accounts and the admins checked below are this file's alone.
  h = await buildTestApp({ ownDatabase: true });
  dir = mkdtempSync(path.join(tmpdir(), 'feedbench-demo-'));
}, 120_000);
afterAll(async () => {
  await h.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo accounts', () => {
  it('refuses to seed in production', async () => {
    await expect(seedDemo(h.services, { accountsFile: path.join(dir, 'prod.json'), production: true })).rejects.toThrow(
      /production/,
    );
    expect(await h.services.auth.findUserByEmail(DEMO_ACCOUNTS[0].email)).toBeUndefined();
  });

  it('gets random passwords at first seed, kept in a file only its owner reads, printed again while unchanged', async () => {
    const accountsFile = path.join(dir, 'nested', 'demo-accounts.json');
    const first = await seedDemo(h.services, { accountsFile, production: false });
    expect(first.created).toBe(true);
    const passwords = first.accounts.map((a) => a.password);
    expect(new Set(passwords).size).toBe(3);
    for (const account of first.accounts) {
      expect(OLD_FIXED).not.toContain(account.password);
      expect(account.password?.length).toBeGreaterThanOrEqual(16);
      expect(await h.services.auth.confirmPassword(account.email, account.password ?? '')).toBe(true);
    }
    expect(statSync(accountsFile).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(accountsFile, 'utf8')).accounts).toEqual(first.accounts);

    const again = await seedDemo(h.services, { accountsFile, production: false });
    expect(again).toEqual({ created: false, accounts: first.accounts });

    // A password that no longer matches its account (changed, or a stale file) is never printed.
    rmSync(accountsFile);
    const lost = await seedDemo(h.services, { accountsFile, production: false });
    expect(lost.accounts.map((a) => a.password)).toEqual([null, null, null]);
  }, 300_000);

  it('finds the accounts that still have a publicly known password, by email only', async () => {
    // As an install seeded by an earlier version: the old fixed demo password, and an admin with the README's example.
    const setHash = async (email: string, password: string) =>
      rawRows(
        h.database.db,
        sql`update users set password_hash = ${await hashPassword(password)} where email = ${email}`,
      );
    await setHash('annotator@feedbench.local', 'feedbench-annotator');
    await setHash('admin@feedbench.local', 'a long secret');
    const exposed = await accountsWithKnownPasswords(h.services.auth);
    expect(exposed.sort()).toEqual(['admin@feedbench.local', 'annotator@feedbench.local']);
  }, 300_000);
});
