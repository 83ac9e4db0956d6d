import { readFile } from 'node:fs/promises';
import { defaultSettings } from '@feedbench/shared';
import { demoItemsFile } from '../paths.ts';
import type { Services } from '../services.ts';
import { seedDemoWork } from './seed-demo-work.ts';

/** Demo accounts: printed by `pnpm start`, for trying the app locally. Never used outside the embedded demo. */
export const DEMO_ACCOUNTS = [
  { email: 'admin@feedbench.local', password: 'feedbench-admin', role: 'admin' },
  { email: 'researcher@feedbench.local', password: 'feedbench-researcher', role: 'researcher' },
  { email: 'annotator@feedbench.local', password: 'feedbench-annotator', role: 'annotator' },
] as const;

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

/** Seeds the demo accounts and one project of each kind over the demo items; safe to run again. */
export async function seedDemo(services: Services) {
  const existing = await services.auth.findUserByEmail(DEMO_ACCOUNTS[0].email);
  if (existing) return { created: false, accounts: DEMO_ACCOUNTS };
  const [admin, researcher, annotator] = await Promise.all(DEMO_ACCOUNTS.map((a) => services.auth.createUser(a)));
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
  return { created: true, accounts: DEMO_ACCOUNTS };
}
