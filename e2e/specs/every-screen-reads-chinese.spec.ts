import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  disagreementQueueResponse,
  EXPORT_FORMATS,
  type Project,
  projectListResponse,
  type Question,
} from '@feedbench/shared';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { addMember, createAccount, signedIn } from '../support/api.ts';
import { ADMIN, BASE_URL } from '../support/env.ts';
import { signInQuietly } from '../support/ui.ts';
import { englishLeft, pageTexts, untranslatedText } from '../support/untranslated.ts';

/**
 * Every main screen, in Chinese, on the demo data (which fills each of them on first start): no English UI string is
 * left in the visible text, the accessible names or the options, and a direct load of each screen logs no React
 * Router warning and no CSP violation. Prompts, outputs, question labels and names people gave are user content and
 * stay as written.
 */

const demoItems = readFileSync(
  path.join(import.meta.dirname, '..', '..', 'server', 'src', 'demo', 'demo-items.jsonl'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map(
    (line) =>
      JSON.parse(line) as {
        id: string;
        prompt: string | { content: string }[];
        outputs?: { id: string; model?: string; content: string }[];
      },
  );

/** What people wrote in the demo: prompts, outputs (and their lines), ids, models. */
const demoContent = demoItems.flatMap((item) => [
  item.id,
  ...(typeof item.prompt === 'string' ? [item.prompt] : item.prompt.map((m) => m.content)),
  ...(item.outputs ?? []).flatMap((o) => [o.id, o.model ?? '', o.content, ...o.content.split('\n')]),
]);

function questionContent(questions: readonly Question[]): string[] {
  return questions.flatMap((q) => {
    const record = q as Record<string, unknown>;
    const choices = ['options', 'flags', 'attributes'].flatMap((key) =>
      Array.isArray(record[key]) ? (record[key] as { id: string; label: string; description?: string }[]) : [],
    );
    const points = Array.isArray(record.pointLabels) ? (record.pointLabels as { label: string }[]) : [];
    return [
      q.id,
      q.label,
      q.help,
      String(record.minLabel ?? ''),
      String(record.maxLabel ?? ''),
      ...choices.flatMap((c) => [c.id, c.label, c.description ?? '']),
      ...points.map((p) => p.label),
    ];
  });
}

function guidelineContent(project: Project): string[] {
  return [
    project.name,
    ...project.guidelines.split('\n').map((line) => line.replace(/^[#\-*\s]+/, '').replace(/\*\*/g, '')),
  ];
}

async function inChinese(browser: Browser, account: { email: string; password: string }) {
  const api = await signedIn(account);
  expect((await api.patch('/api/auth/me', { data: { locale: 'zh-CN' } })).ok()).toBe(true);
  await api.dispose();
  const context = await browser.newContext({ baseURL: BASE_URL, locale: 'zh-CN' });
  const page = await context.newPage();
  await signInQuietly(page, account);
  const logged: string[] = [];
  page.on('console', (message) => {
    if (/HydrateFallback|Content Security Policy/i.test(message.text())) logged.push(message.text());
  });
  return { context, page, logged };
}

async function scan(page: Page, url: string, ready: (page: Page) => Promise<unknown>, content: readonly string[]) {
  await page.goto(url);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await ready(page);
  // Live counters and lazy panels settle after the first paint.
  await page.waitForLoadState('networkidle');
  return (await untranslatedText(page, content, EXPORT_FORMATS)).map((text) => `${url}: ${text}`);
}

test('every main screen reads in Chinese on the demo data, and a direct load of each logs no warning', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const adminApi = await signedIn(ADMIN);
  const { projects } = projectListResponse.parse(await (await adminApi.get('/api/projects')).json());
  const ranking = projects.find((p) => p.name === 'Demo: rank assistant replies');
  const demonstration = projects.find((p) => p.name === 'Demo: write ideal replies');
  if (!ranking || !demonstration) throw new Error('the demo projects were not seeded');
  const researcher = await createAccount('researcher', 'chinese-researcher');
  const annotator = await createAccount('annotator', 'chinese-annotator');
  // An admin of this spec's own: the shared admin's saved language would reach specs running in the other worker.
  const chineseAdmin = await createAccount('admin', 'chinese-admin');
  for (const project of [ranking, demonstration]) {
    await addMember(adminApi, project.id, researcher.email, 'researcher');
    await addMember(adminApi, project.id, annotator.email, 'annotator');
  }
  const queue = disagreementQueueResponse.parse(
    await (await adminApi.get(`/api/projects/${ranking.id}/adjudication`)).json(),
  );
  const disputedItem = queue.entries[0]?.itemId;
  const content = [
    ...demoContent,
    ...[ranking, demonstration].flatMap((p) => [...guidelineContent(p), ...questionContent(p.settings.questions)]),
  ];

  const untranslated: string[] = [];
  const { context, page, logged } = await inChinese(browser, researcher);
  const main = (p: Page) => expect(p.getByRole('main')).toBeVisible();
  const r = `/projects/${ranking.id}`;
  untranslated.push(
    ...(await scan(
      page,
      '/',
      (p) => expect(p.getByRole('heading', { level: 1, name: '项目' })).toBeVisible(),
      content,
    )),
  );
  for (const project of [ranking, demonstration]) {
    untranslated.push(
      ...(await scan(
        page,
        `/projects/${project.id}`,
        (p) => expect(p.locator('#export-title')).toBeVisible(),
        content,
      )),
      ...(await scan(
        page,
        `/projects/${project.id}/template`,
        (p) => expect(p.locator('.preview-frame [data-answer-stop]').first()).toBeVisible(),
        content,
      )),
    );
  }
  untranslated.push(
    ...(await scan(page, `${r}/items`, main, content)),
    ...(await scan(page, `${r}/agreement`, (p) => expect(p.getByRole('table').first()).toBeVisible(), content)),
    ...(await scan(page, `${r}/adjudication`, (p) => expect(p.getByRole('table').first()).toBeVisible(), content)),
    ...(await scan(page, `${r}/gold`, (p) => expect(p.getByRole('table').first()).toBeVisible(), content)),
    ...(await scan(page, `${r}/skips`, main, content)),
    ...(await scan(page, `${r}/leaderboard`, (p) => expect(p.getByRole('table').first()).toBeVisible(), content)),
    ...(await scan(page, `${r}/judges`, main, content)),
    ...(await scan(page, '/review', (p) => expect(p.locator('#review-item-title')).toBeVisible(), content)),
    ...(await scan(page, '/security', main, content)),
  );
  if (disputedItem) {
    untranslated.push(...(await scan(page, `${r}/adjudication/${disputedItem}`, main, content)));
    // The adjudicated-answer form, opened from one annotator's answer.
    await page.getByRole('button', { name: '使用此答案（标注员 1）' }).click();
    untranslated.push(...(await untranslatedText(page, content, EXPORT_FORMATS)).map((t) => `adjudication form: ${t}`));
  }
  // The item browser with an item open.
  await page.goto(`${r}/items`);
  await page.getByRole('row').nth(1).getByRole('link').first().click();
  await expect(page.locator('#item-detail-title')).toBeVisible();
  untranslated.push(...(await untranslatedText(page, content, EXPORT_FORMATS)).map((t) => `item detail: ${t}`));
  // The template builder saying what to fix: a question without a label. Its preview's sample item is Chinese too.
  await page.goto(`${r}/template`);
  await expect(page.getByRole('region', { name: '标注员预览' })).toContainText(
    '在 Python 里怎样按长度给一组单词排序？',
  );
  await page.getByRole('region', { name: '问题' }).getByRole('textbox').first().fill('');
  await expect(page.getByRole('alert')).toBeVisible();
  untranslated.push(
    ...(await untranslatedText(page, content, EXPORT_FORMATS)).map((t) => `template builder with a problem: ${t}`),
  );
  await context.close();

  // The annotator: a ranking task with its checklist, then the skip form.
  const annotating = await inChinese(browser, annotator);
  untranslated.push(
    ...(await scan(annotating.page, `${r}/annotate`, (p) => expect(p.locator('[data-lease]')).toBeVisible(), content)),
  );
  await annotating.page.keyboard.press('Control+Enter');
  await annotating.page.keyboard.press('s');
  untranslated.push(
    ...(await untranslatedText(annotating.page, content, EXPORT_FORMATS)).map(
      (t) => `annotate, checklist and skip form: ${t}`,
    ),
  );
  untranslated.push(
    ...(await scan(
      annotating.page,
      `/projects/${demonstration.id}/annotate`,
      (p) => expect(p.locator('[data-lease]')).toBeVisible(),
      content,
    )),
  );
  await annotating.context.close();

  // The admin's screens (every account, workspace and project name on them is someone's content).
  const admin = await inChinese(browser, chineseAdmin);
  try {
    const shown: { url: string; texts: string[] }[] = [];
    const screens: [string, (p: Page) => Promise<unknown>][] = [
      ['/users', (p) => expect(p.getByRole('table').first()).toBeVisible()],
      ['/workspaces', main],
      ['/models', main],
    ];
    for (const [url, ready] of screens) {
      await admin.page.goto(url);
      await expect(admin.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await ready(admin.page);
      await admin.page.waitForLoadState('networkidle');
      shown.push({ url, texts: await pageTexts(admin.page) });
    }
    // The names are read after the screens: specs running beside this one add accounts, workspaces and projects.
    const accounts = ((await (await adminApi.get('/api/users')).json()).users ?? []) as { email: string }[];
    const workspaces = ((await (await adminApi.get('/api/workspaces')).json()).workspaces ?? []) as {
      name: string;
      slug: string;
    }[];
    const allProjects = projectListResponse.parse(await (await adminApi.get('/api/projects')).json()).projects;
    const connections = ((await (await adminApi.get('/api/model-connections')).json()).connections ?? []) as {
      name: string;
      model: string;
    }[];
    const adminContent = [
      ...content,
      ...accounts.map((a) => a.email),
      ...workspaces.flatMap((w) => [w.name, w.slug]),
      ...allProjects.map((p) => p.name),
      ...connections.flatMap((c) => [c.name, c.model]),
    ];
    for (const { url, texts } of shown) {
      untranslated.push(...englishLeft(texts, adminContent, EXPORT_FORMATS).map((text) => `${url}: ${text}`));
    }
  } finally {
    await admin.context.close();
    await adminApi.dispose();
  }

  expect(untranslated, 'English UI strings on Chinese screens').toEqual([]);
  expect([...logged, ...annotating.logged, ...admin.logged], 'React Router warnings and CSP violations').toEqual([]);
});
