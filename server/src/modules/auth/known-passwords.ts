import type { AuthService } from './auth.service.ts';

/**
 * Passwords anyone can read: the fixed demo passwords of earlier versions, the README's and the tests' examples, the
 * usual defaults. Accounts still using one are reported at start-up (by email only; never the password).
 */
export const KNOWN_PASSWORDS = [
  'feedbench-admin',
  'feedbench-researcher',
  'feedbench-annotator',
  'a long secret',
  'admin-password-1',
  'changeme',
  'password',
] as const;

/** The fixed demo accounts of earlier versions and the password each had. */
const OLD_DEMO_PASSWORDS: Record<string, string> = {
  'admin@feedbench.local': 'feedbench-admin',
  'researcher@feedbench.local': 'feedbench-researcher',
  'annotator@feedbench.local': 'feedbench-annotator',
};

/**
 * Emails of accounts whose password is publicly known: every admin (the accounts that matter most, and few) against
 * the whole list, the old demo accounts against their old passwords. One password hash per pair: run it off the
 * start-up path.
 */
export async function accountsWithKnownPasswords(auth: AuthService): Promise<string[]> {
  const admins = (await auth.listUsers()).filter((user) => user.role === 'admin').slice(0, 20);
  const pairs: [string, string][] = [
    ...Object.entries(OLD_DEMO_PASSWORDS),
    ...admins.flatMap((admin) => KNOWN_PASSWORDS.map((password): [string, string] => [admin.email, password])),
  ];
  const exposed = new Set<string>();
  for (const [email, password] of pairs) {
    if (exposed.has(email)) continue;
    if (await auth.confirmPassword(email, password)) exposed.add(email);
  }
  return [...exposed];
}
