import path from 'node:path';
import { defaultSettings, itemListResponse } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { createAccount, createProject, signedIn } from '../support/api.ts';
import { signInQuietly } from '../support/ui.ts';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures');

test('a refused import names its problems in the reader’s language; nothing is imported', async ({ browser }) => {
  const researcher = await createAccount('researcher');
  const api = await signedIn(researcher);
  expect((await api.patch('/api/auth/me', { data: { locale: 'zh-CN' } })).ok()).toBe(true);
  const project = await createProject(api, {
    name: `导入 ${Date.now().toString(36)}`,
    kind: 'ranking',
    settings: { questions: defaultSettings('ranking').questions },
  });
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);

  // Line 2 has no prompt, line 3 is not JSON, line 4 repeats an output id (the same file the English journey uses).
  await page.getByLabel('JSONL 文件').setInputFiles(path.join(fixtures, 'ranking-items-invalid.jsonl'));
  await page.getByRole('button', { name: '开始导入' }).click();
  const problems = page.getByRole('table', { name: '导入问题' });
  await expect(problems).toBeVisible();
  const rows = problems.locator('tbody tr');
  const text = async (line: string) =>
    (await rows.filter({ has: page.getByRole('cell', { name: line, exact: true }) }).allTextContents()).join(' ');
  expect(await text('2')).toContain('应为非空字符串');
  expect(await text('3')).toContain('不是有效的 JSON');
  expect(await text('3')).toContain('（整行）');
  expect(await text('4')).toContain('输出 ID“a”重复');
  // The server's English wording is not what a Chinese reader gets.
  await expect(problems).not.toContainText('duplicate output id');
  await expect(problems).not.toContainText('not valid JSON');
  await expect(problems).not.toContainText('required');

  const listed = await api.get(`/api/projects/${project.id}/items?limit=5`);
  expect(listed.ok(), await listed.text()).toBe(true);
  expect(itemListResponse.parse(await listed.json()).items).toEqual([]);
  await context.close();
  await api.dispose();
});
