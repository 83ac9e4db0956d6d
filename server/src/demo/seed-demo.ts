import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultSettings } from '@feedbench/shared';
import { demoItemsFile } from '../paths.ts';
import type { Services } from '../services.ts';
import { seedDemoWork } from './seed-demo-work.ts';

/**
 * Demo accounts, for trying the app locally. Their passwords are random, made at first seed, printed and kept in the
 * demo accounts file (mode 0600) so each start can print them again while they are unchanged: a published fixed
 * password would make every demo an admin login for anyone who can reach it.
 */
export const DEMO_ACCOUNTS = [
  { email: 'admin@feedbench.local', role: 'admin' },
  { email: 'researcher@feedbench.local', role: 'researcher' },
  { email: 'annotator@feedbench.local', role: 'annotator' },
] as const;

export interface DemoAccount {
  email: string;
  role: string;
  /** null: not in the accounts file, or changed since the seed (never printed then). */
  password: string | null;
}

export const demoErrors = {
  production: () => new Error('The demo is never seeded with NODE_ENV=production (its accounts are for local trials)'),
};

async function writeAccountsFile(file: string, accounts: DemoAccount[]) {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify({ accounts }, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file.
  await chmod(file, 0o600);
}

/** The demo accounts with the passwords of the accounts file that still work (checked against each account). */
async function knownDemoAccounts(services: Services, file: string): Promise<DemoAccount[]> {
  const saved = await readFile(file, 'utf8')
    .then((text) => (JSON.parse(text) as { accounts?: DemoAccount[] }).accounts ?? [])
    .catch(() => [] as DemoAccount[]);
  return Promise.all(
    DEMO_ACCOUNTS.map(async (account) => {
      const password = saved.find((s) => s.email === account.email)?.password ?? null;
      const valid = password !== null && (await services.auth.confirmPassword(account.email, password));
      return { ...account, password: valid ? password : null };
    }),
  );
}

const GUIDELINES = {
  ranking: `# Ranking guidelines

Read the conversation, then **rank the outputs from best to worst**. Ties are allowed when two outputs are
equally good.

- Prefer outputs that are *helpful*, *truthful* and *harmless*, in that order of attention.
- Rate each output's overall quality from 1 (terrible) to 7 (excellent).
- Outputs are shown in a random order; their labels mean nothing.`,
  demonstration: `# Demonstration guidelines

Write the reply you would want an excellent assistant to give: correct, clear, kind, and no longer than needed.
Use Markdown where it helps (lists, code blocks).`,
};

/**
 * Seeds the demo accounts (random passwords, written to `accountsFile`) and one project of each kind over the demo
 * items; safe to run again. Refused in production.
 */
export async function seedDemo(services: Services, options: { accountsFile: string; production: boolean }) {
  if (options.production) throw demoErrors.production();
  const existing = await services.auth.findUserByEmail(DEMO_ACCOUNTS[0].email);
  if (existing) return { created: false, accounts: await knownDemoAccounts(services, options.accountsFile) };
  const accounts = DEMO_ACCOUNTS.map((a) => ({ ...a, password: randomBytes(12).toString('base64url') }));
  // Written before the accounts exist: a crash in between leaves a file to recover them from, never lost passwords.
  await writeAccountsFile(options.accountsFile, accounts);
  const [admin, researcher, annotator] = await Promise.all(accounts.map((a) => services.auth.createUser(a)));
  if (!admin || !researcher || !annotator) throw new Error('demo accounts were not created');
  const text = await readFile(demoItemsFile, 'utf8');
  const projectIds: Record<'ranking' | 'demonstration', string> = { ranking: '', demonstration: '' };
  for (const kind of ['ranking', 'demonstration'] as const) {
    const project = await services.projects.create(
      { ...researcher, createdAt: new Date(researcher.createdAt) },
      {
        name: kind === 'ranking' ? 'Demo: rank assistant replies' : 'Demo: write ideal replies',
        kind,
        guidelines: GUIDELINES[kind],
        // Three annotators per ranking item: agreement, disagreements and adjudication have data to show.
        settings: { ...defaultSettings(kind), overlapTarget: kind === 'ranking' ? 3 : 1 },
      },
    );
    projectIds[kind] = project.id;
    await services.items.importJsonl(project, text);
    await services.projects.addMember({ ...researcher, createdAt: new Date(researcher.createdAt) }, project.id, {
      email: annotator.email,
      role: 'annotator',
    });
  }
  await seedDemoWork(services, {
    researcher,
    annotator,
    rankingProjectId: projectIds.ranking,
    demonstrationProjectId: projectIds.demonstration,
  });
  return { created: true, accounts: accounts as DemoAccount[] };
}
