import { expect, test } from '@playwright/test';
import { arrangeProject, nextTask, signedIn, submit } from '../support/api.ts';
import { signInQuietly } from '../support/ui.ts';

const ITEMS = 600;
const WORDS = ['river', 'mountain', 'violin', 'harbor', 'lantern', 'meadow'];
/** Items with a prompt of their own words and a language in their metadata; item-123 alone mentions a zebra. */
const jsonl = Array.from({ length: ITEMS }, (_, i) =>
  JSON.stringify({
    id: `item-${i}`,
    prompt: `Prompt ${i}: write about a ${i === 123 ? 'zebra' : WORDS[i % WORDS.length]}.`,
    outputs: [
      { id: 'a', model: 'alpha', content: `Answer A to ${i}` },
      { id: 'b', model: 'beta', content: `Answer B to ${i}` },
    ],
    metadata: { lang: i % 2 === 0 ? 'en' : 'fr' },
  }),
).join('\n');

test('a researcher browses a large project: virtualized rows, status filter, search, metadata and annotations', async ({
  page,
}) => {
  test.slow();
  const { researcher, annotator, project } = await arrangeProject('ranking', jsonl);
  const annotatorApi = await signedIn(annotator);
  const task = await nextTask(annotatorApi, project.id);
  if (!task) throw new Error('no task for the annotator');
  const ids = task.outputs.map((o) => o.id);
  // The annotator sees blind output ids; the researcher's item browser shows the file's ids ('a' answers "Answer A").
  const fileId = (shown: string | undefined) =>
    task.outputs.find((o) => o.id === shown)?.content.startsWith('Answer A') ? 'a' : 'b';
  await submit(annotatorApi, task.leaseId, {
    idempotencyKey: crypto.randomUUID(),
    answers: {
      rank: { type: 'ranking', groups: [[ids[1] as string], [ids[0] as string]] },
      quality: { type: 'rating', values: { [ids[0] as string]: 3, [ids[1] as string]: 6 } },
    },
    timeOnTaskMs: 1000,
  });

  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);
  await page.getByRole('link', { name: 'Items', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/items$`));
  await expect(page.getByRole('heading', { name: `Items (${ITEMS})`, level: 1 })).toBeVisible();

  const table = page.getByRole('table', { name: 'Items of the project in import order' });
  await expect(table.getByRole('rowheader', { name: 'item-0', exact: true })).toBeVisible();
  // Virtualized: a screenful of rows in the DOM, not the hundred of the first page.
  expect(await table.locator('tbody tr').count()).toBeLessThan(60);

  // Scrolling to the end loads the following keyset pages until the last item shows.
  const last = table.getByRole('rowheader', { name: `item-${ITEMS - 1}`, exact: true });
  await expect(async () => {
    await table.evaluate((el) => {
      const scroller = el.parentElement as HTMLElement;
      scroller.scrollTop = scroller.scrollHeight;
    });
    await expect(last).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  expect(await table.locator('tbody tr').count()).toBeLessThan(60);

  const filters = page.getByRole('form', { name: 'Filter items' });
  await filters.getByLabel('Status').selectOption({ label: 'Complete' });
  const completed = table.getByRole('rowheader');
  await expect(completed).toHaveCount(1);
  await expect(completed).toHaveText(task.item.externalId);
  await completed.getByRole('link').click();
  const detail = page.getByRole('region', { name: `Item ${task.item.externalId}` });
  await expect(detail.getByRole('list', { name: 'Annotations' })).toContainText(annotator.email);
  await expect(detail.getByRole('list', { name: 'Annotations' })).toContainText(
    `${fileId(ids[1])} > ${fileId(ids[0])}`,
  );
  await expect(detail.getByRole('list', { name: 'Outputs' })).toContainText(
    `Answer A to ${task.item.externalId.slice(5)}`,
  );

  await filters.getByLabel('Status').selectOption({ label: 'All items' });
  await filters.getByLabel('Search').fill('ZEBRA');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(table.getByRole('rowheader')).toHaveText(['item-123']);

  await filters.getByLabel('Search').fill('');
  await filters.getByLabel('Metadata').fill('lang=fr');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(table.getByRole('rowheader').first()).toHaveText('item-1');
  await expect(table.getByRole('rowheader').nth(1)).toHaveText('item-3');

  await filters.getByLabel('Metadata').fill('');
  await filters.getByLabel('Search').fill('item-42');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(table.getByRole('rowheader')).toHaveText(['item-42']);
});
