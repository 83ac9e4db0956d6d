import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { arrangeProject } from '../support/api.ts';
import { currentItemId, signInQuietly } from '../support/ui.ts';

const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'ranking-items.jsonl'), 'utf8');

test('work in progress is saved as a draft and comes back after a reload', async ({ page }) => {
  const { annotator, project } = await arrangeProject('ranking', jsonl);
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const board = page.getByRole('region', { name: 'Rank the outputs, best first' });
  const item = await currentItemId(page);

  // A and B tied at the top, A rated; C left for later.
  await board.getByRole('button', { name: 'Output A, unranked' }).focus();
  await page.keyboard.press('1');
  await board.getByRole('button', { name: 'Output B, unranked' }).focus();
  await page.keyboard.press('1');
  await page
    .getByRole('radiogroup', { name: 'Overall quality for output A' })
    .getByRole('radio', { name: '5', exact: true })
    .check();
  await expect(page.getByRole('status').filter({ hasText: /^Draft saved at/ })).toBeVisible();

  await page.reload();
  expect(await currentItemId(page)).toBe(item);
  await expect(page.getByRole('status').filter({ hasText: /^Restored your draft from/ })).toBeVisible();
  await expect(board.getByRole('group', { name: 'Rank 1' }).getByRole('button')).toHaveCount(2);
  await expect(
    board.getByRole('group', { name: 'Unranked' }).getByRole('button', { name: 'Output C, unranked' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('radiogroup', { name: 'Overall quality for output A' })
      .getByRole('radio', { name: '5', exact: true }),
  ).toBeChecked();
  await expect(page.getByRole('button', { name: /^Submit/ })).toBeDisabled();
});

const fourOutputs = `${JSON.stringify({
  id: 'four-outputs',
  prompt: 'Name a colour.',
  outputs: ['Red.', 'Blue.', 'Green.', 'Yellow.'].map((content, i) => ({ id: `m${i + 1}`, content })),
})}\n`;

test('a restored draft puts every output back in its row: empty ranks, ties and unranked outputs included', async ({
  page,
}) => {
  const { annotator, project } = await arrangeProject('ranking', fourOutputs);
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const board = page.getByRole('region', { name: 'Rank the outputs, best first' });
  const row = (name: string) => board.getByRole('group', { name, exact: true });

  // C at rank 4 and A at rank 1 (ranks 2 and 3 left empty), D tied with A, B unranked.
  await board.getByRole('button', { name: 'Output C, unranked' }).focus();
  await page.keyboard.press('4');
  await board.getByRole('button', { name: 'Output A, unranked' }).focus();
  await page.keyboard.press('1');
  await board.getByRole('button', { name: 'Output D, unranked' }).focus();
  await page.keyboard.press('=');
  await expect(row('Rank 1').getByRole('button')).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: /^Draft saved at/ })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: /^Restored your draft from/ })).toBeVisible();
  await expect(row('Rank 1').getByRole('button', { name: 'Output A, rank 1' })).toBeVisible();
  await expect(row('Rank 1').getByRole('button', { name: 'Output D, rank 1' })).toBeVisible();
  await expect(row('Rank 2').getByRole('button')).toHaveCount(0);
  await expect(row('Rank 3').getByRole('button')).toHaveCount(0);
  await expect(row('Rank 4').getByRole('button', { name: 'Output C, rank 4' })).toBeVisible();
  await expect(row('Unranked').getByRole('button', { name: 'Output B, unranked' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Output C' })).toContainText('rank 4');
});
