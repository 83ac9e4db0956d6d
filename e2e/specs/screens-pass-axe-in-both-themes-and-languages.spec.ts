import {
  disagreementQueueResponse,
  findPreset,
  newQuestion,
  projectListResponse,
  type Question,
} from '@feedbench/shared';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import {
  type Account,
  addMember,
  arrangeProject,
  createAccount,
  createProject,
  importJsonl,
  nextTask,
  signedIn,
  submit,
} from '../support/api.ts';
import { ADMIN } from '../support/env.ts';
import { signInQuietly } from '../support/ui.ts';

const THEMES = ['light', 'dark'] as const;
const LANGUAGES = [
  { locale: 'en-US', lang: 'en', projects: 'Projects' },
  { locale: 'zh-CN', lang: 'zh-CN', projects: '项目' },
] as const;

const items = (n: number, outputs: number) =>
  `${Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      id: `a11y-${i}`,
      prompt: `Explain **item ${i}** in one sentence.`,
      outputs: Array.from({ length: outputs }, (_, k) => ({
        id: `o${k}`,
        content: k === 0 ? `Output ${k} of ${i}:\n\n\`\`\`python\nprint(${i})\n\`\`\`` : `A plain answer ${k} to ${i}.`,
      })),
    }),
  ).join('\n')}\n`;

/** A project whose annotator page shows the given questions, with the annotator holding a task. */
async function annotatorProject(kind: 'ranking' | 'demonstration', questions: readonly Question[], outputs: number) {
  const { annotator, researcherApi, project, researcher } = await arrangeProject(kind, items(2, outputs));
  const update = await researcherApi.patch(`/api/projects/${project.id}`, { data: { questions } });
  expect(update.ok(), await update.text()).toBe(true);
  return { annotator, researcher, researcherApi, project };
}

async function openAs(
  browser: Browser,
  theme: (typeof THEMES)[number],
  locale: string,
  account?: { email: string; password: string },
) {
  const context = await browser.newContext({ colorScheme: theme, locale });
  const page = await context.newPage();
  if (account) {
    // The account's saved language wins over the browser's (other specs may have saved one for a shared account such
    // as the admin): save the one under test.
    const lang = LANGUAGES.find((l) => l.locale === locale)?.lang ?? 'en';
    const saved = await (await signedIn(account)).patch('/api/auth/me', { data: { locale: lang } });
    expect(saved.ok(), await saved.text()).toBe(true);
    await signInQuietly(page, account);
  }
  return { context, page };
}

async function check(page: Page, url: string, ready: (page: Page) => Promise<void>, what: string) {
  await page.goto(url);
  await ready(page);
  await expectNoAxeViolations(page, what);
}

// Four passes of minutes each over the same arranged screens: the two workers share them (each arranges its own).
test.describe.configure({ mode: 'parallel' });

type Arranged = {
  kinds: ({ name: string } & Awaited<ReturnType<typeof annotatorProject>>)[];
  reviewed: Awaited<ReturnType<typeof arrangeProject>>;
  itemId: string;
  /** An admin of this spec's own: saving the language under test on the shared admin would change it for specs
   * running at the same time in the other worker. */
  admin: Account;
  /** The demo's ranking project (the researcher of `reviewed` is made one of its researchers) and its most disputed item. */
  demo: { projectId: string; disputedItemId: string };
};
let arranged: Arranged | undefined;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const preset = (id: string) => findPreset(id)?.questions ?? [];
  const kinds = [
    { name: 'ranking, ratings and flags', ...(await annotatorProject('ranking', preset('instructgpt-ranking'), 3)) },
    { name: 'pairwise with safety', ...(await annotatorProject('ranking', preset('llama2-pairwise'), 2)) },
    { name: 'attributes', ...(await annotatorProject('ranking', preset('helpsteer-attributes'), 2)) },
    { name: 'best of K', ...(await annotatorProject('ranking', [newQuestion('best-of-k', 'best')], 3)) },
    {
      name: 'classification and demonstration',
      ...(await annotatorProject('demonstration', preset('sft-demonstration'), 0)),
    },
    { name: 'rewrite and rationale', ...(await annotatorProject('demonstration', preset('sft-rewrite'), 1)) },
  ];
  // One answer waiting for review, so the review screen shows a card.
  const reviewed = await arrangeProject('ranking', items(2, 3));
  const annotatorApi = await signedIn(reviewed.annotator);
  const task = await nextTask(annotatorApi, reviewed.project.id);
  if (!task) throw new Error('no task to review');
  const [a, b, c] = task.outputs.map((o) => o.id) as [string, string, string];
  await submit(annotatorApi, task.leaseId, {
    idempotencyKey: crypto.randomUUID(),
    answers: {
      rank: { type: 'ranking', groups: [[b], [a], [c]] },
      quality: { type: 'rating', values: { [a]: 5, [b]: 6, [c]: 3 } },
    },
  });
  // The demo fills the researcher screens that need many annotators' work (agreement, disagreements, gold).
  const adminApi = await signedIn(ADMIN);
  const { projects } = projectListResponse.parse(await (await adminApi.get('/api/projects')).json());
  const demo = projects.find((p) => p.name === 'Demo: rank assistant replies');
  if (!demo) throw new Error('the demo ranking project was not seeded');
  await addMember(adminApi, demo.id, reviewed.researcher.email, 'researcher');
  const queue = disagreementQueueResponse.parse(
    await (await adminApi.get(`/api/projects/${demo.id}/adjudication`)).json(),
  );
  await adminApi.dispose();
  arranged = {
    kinds,
    reviewed,
    itemId: task.item.id,
    admin: await createAccount('admin'),
    demo: { projectId: demo.id, disputedItemId: queue.entries[0]?.itemId ?? '' },
  };
});

for (const theme of THEMES) {
  for (const language of LANGUAGES) {
    const label = `${theme}, ${language.lang}`;
    test(`every main screen is axe-clean (${label})`, async ({ browser }) => {
      // Twenty screens, each loaded and run through axe: minutes on a shared machine.
      test.setTimeout(420_000);
      if (!arranged) throw new Error('nothing arranged');
      const { kinds, reviewed, itemId, admin, demo } = arranged;
      const onPage = async (
        account: { email: string; password: string } | undefined,
        run: (page: Page) => Promise<void>,
      ) => {
        const { context, page } = await openAs(browser, theme, language.locale, account);
        await run(page);
        await expect(page.locator('html')).toHaveAttribute('lang', language.lang);
        await context.close();
      };

      await onPage(undefined, (page) =>
        check(page, '/login', (p) => expect(p.locator('form')).toBeVisible(), `sign-in (${label})`),
      );
      for (const kind of kinds) {
        await onPage(kind.annotator, (page) =>
          check(
            page,
            `/projects/${kind.project.id}/annotate`,
            (p) => expect(p.locator('[data-lease]')).toBeVisible(),
            `annotator task: ${kind.name} (${label})`,
          ),
        );
      }
      await onPage(reviewed.researcher, async (page) => {
        await check(
          page,
          `/projects/${reviewed.project.id}`,
          (p) => expect(p.locator('#export-title')).toBeVisible(),
          `project dashboard with import and export (${label})`,
        );
        await check(
          page,
          `/projects/${reviewed.project.id}/template`,
          (p) => expect(p.locator('.preview-frame [data-answer-stop]').first()).toBeVisible(),
          `template builder (${label})`,
        );
        await check(page, '/review', (p) => expect(p.locator('#review-item-title')).toBeVisible(), `review (${label})`);
        await check(
          page,
          `/projects/${reviewed.project.id}/items/${itemId}`,
          (p) => expect(p.locator('#item-detail-title')).toBeVisible(),
          `item browser with an item (${label})`,
        );
        const d = `/projects/${demo.projectId}`;
        const table = (p: Page) => expect(p.getByRole('table').first()).toBeVisible();
        await check(page, `${d}/agreement`, table, `agreement (${label})`);
        await check(page, `${d}/adjudication`, table, `disagreements (${label})`);
        await check(page, `${d}/adjudication/${demo.disputedItemId}`, table, `adjudication item (${label})`);
        await check(page, `${d}/gold`, table, `gold (${label})`);
        await check(
          page,
          `${d}/skips`,
          (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible(),
          `skips (${label})`,
        );
        await check(
          page,
          '/security',
          (p) => expect(p.getByRole('heading', { level: 1 })).toBeVisible(),
          `security (${label})`,
        );
      });
      await onPage(admin, async (page) => {
        const table = (p: Page) => expect(p.locator('table').first()).toBeVisible();
        await check(page, '/users', table, `admin accounts (${label})`);
        await check(page, '/workspaces', table, `workspaces (${label})`);
      });
    });
  }
}

test('the import preview shows the file before anything is imported, and is axe-clean', async ({ page }) => {
  const researcher = await createAccount('researcher');
  const api = await signedIn(researcher);
  const project = await createProject(api, { name: `preview ${Date.now().toString(36)}`, kind: 'ranking' });
  await importJsonl(api, project.id, items(1, 2));
  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);
  await page.getByLabel('JSONL file').setInputFiles({
    name: 'preview.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(items(3, 2)),
  });
  await expect(page.getByRole('heading', { name: 'Preview of preview.jsonl' })).toBeVisible();
  const preview = page.getByRole('region', { name: 'Preview of preview.jsonl' });
  await expect(preview.getByRole('list', { name: 'Preview of preview.jsonl' })).toContainText(
    'Detected format: Feedbench items',
  );
  await expect(preview.getByRole('list', { name: 'Preview of preview.jsonl' })).toContainText('3 lines would import');
  const rows = preview.getByRole('table', { name: 'Previewed items' }).getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(3)).toContainText('a11y-2');
  await expectNoAxeViolations(page, 'import preview');
  // Only the preview so far: the project still holds the one item imported before.
  const itemsCounter = page.getByRole('region', { name: 'Progress' }).getByRole('definition').first();
  await expect(itemsCounter).toHaveText('1');
  await page.getByRole('button', { name: 'Start import' }).click();
  await expect(itemsCounter).toHaveText('3');
});
