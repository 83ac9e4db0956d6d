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
