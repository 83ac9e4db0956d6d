import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Task } from '@feedbench/shared';
import { expect, type Page, test } from '@playwright/test';
import { addMember, arrangeProject, createAccount, nextTask, signedIn, submit } from '../support/api.ts';
import { BASE_URL } from '../support/env.ts';
import { signInQuietly } from '../support/ui.ts';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures');
const jsonl = ['hostile-items.jsonl', 'hostile-beacons.jsonl']
  .map((name) => readFileSync(path.join(fixtures, name), 'utf8').trim())
  .join('\n');

/** The default ranking template's answers, outputs in the order given (opposite orders make a disagreement). */
const answers = (order: string[]) => ({
  rank: { type: 'ranking' as const, groups: order.map((id) => [id]) },
  quality: { type: 'rating' as const, values: Object.fromEntries(order.map((id, i) => [id, 7 - i])) },
});

/** Watches a page for anything hostile text could set off: dialogs, script errors, requests to other origins. */
function watch(page: Page) {
  const seen = { dialogs: [] as string[], errors: [] as string[], foreign: [] as string[] };
  page.on('dialog', async (dialog) => {
    seen.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(BASE_URL) && !url.startsWith('data:')) seen.foreign.push(url);
  });
  return seen;
}

async function expectInert(page: Page, view: string) {
  const main = page.getByRole('main');
  await expect(
    main.locator('script, iframe, object, embed, style, [onerror], [onload], [style*="url("]'),
    view,
  ).toHaveCount(0);
  const sources = await main.locator('img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('src') ?? ''));
  expect(
    sources.filter((src) => !src.startsWith('/')),
    view,
  ).toEqual([]);
  const hrefs = await main.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  expect(
    hrefs.filter((href) => /^\s*(javascript|data|vbscript):/i.test(href)),
    view,
  ).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), view).toBeUndefined();
}

test('hostile prompts and outputs stay inert in the researcher and reviewer views (adjudication, drill-down, gold, review)', async ({
  page,
}) => {
  test.slow();
  const { researcher, annotator, researcherApi, project } = await arrangeProject('ranking', jsonl);
  expect((await researcherApi.patch(`/api/projects/${project.id}`, { data: { overlapTarget: 2 } })).ok()).toBe(true);
  const second = await createAccount('annotator', 'second');
  await addMember(researcherApi, project.id, second.email, 'annotator');
  const itemIds: string[] = [];
  for (const [person, reversed] of [
    [annotator, false],
    [second, true],
  ] as const) {
    const api = await signedIn(person);
    for (let i = 0; i < 2; i++) {
      const task = (await nextTask(api, project.id)) as Task;
      const order = task.outputs.map((o) => o.id).sort();
      if (reversed) order.reverse();
      if (!itemIds.includes(task.item.id)) itemIds.push(task.item.id);
      await submit(api, task.leaseId, { idempotencyKey: crypto.randomUUID(), answers: answers(order) });
    }
  }

  const seen = watch(page);
  await signInQuietly(page, researcher);
  for (const itemId of itemIds) {
    await page.goto(`/projects/${project.id}/adjudication/${itemId}`);
    await expect(page.getByRole('table', { name: 'Annotations side by side' })).toBeVisible();
    await expectInert(page, `adjudication of ${itemId}`);
    await page.goto(`/projects/${project.id}/agreement/annotations?itemId=${itemId}`);
    await expect(page.getByRole('table', { name: /annotations, newest first/ })).toBeVisible();
    await expectInert(page, `drill-down of ${itemId}`);
  }
  await page.goto(`/projects/${project.id}/adjudication`);
  await expect(page.getByRole('table', { name: 'Items by disagreement' })).toBeVisible();
  await expectInert(page, 'disagreement queue');
  await page.goto(`/projects/${project.id}/gold`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectInert(page, 'gold page');
  await page.goto('/review');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectInert(page, 'review queue');

  expect(seen.foreign).toEqual([]);
  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
});
