import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { arrangeProject } from '../support/api.ts';
import { currentItemId, signInQuietly } from '../support/ui.ts';

const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'ranking-items.jsonl'), 'utf8');

test('an annotator skips an item with a reason and the researcher reads it in the skip report', async ({ browser }) => {
  // Two people, two browser contexts, four accounts' worth of sign-ins (scrypt): more than one journey's time.
  test.slow();
  const { annotator, researcher, project } = await arrangeProject('ranking', jsonl);

  const annotatorPage = await (await browser.newContext()).newPage();
  await signInQuietly(annotatorPage, annotator);
  await annotatorPage.goto(`/projects/${project.id}/annotate`);
  const skipped = await currentItemId(annotatorPage);
  await annotatorPage.getByRole('button', { name: 'Skip this item…' }).click();
  const form = annotatorPage.getByRole('form', { name: 'Skip this item' });
  await form.getByLabel('Skip reason').selectOption({ label: 'The prompt is unclear' });
  await form.getByLabel('Comment (optional)').fill('Which France: the country or the town in Texas?');
  await form.getByRole('button', { name: 'Skip', exact: true }).click();
  // The next item replaces the skipped one.
  await expect.poll(() => currentItemId(annotatorPage)).not.toBe(skipped);

  const researcherPage = await (await browser.newContext()).newPage();
  await signInQuietly(researcherPage, researcher);
  await researcherPage.goto(`/projects/${project.id}`);
  await researcherPage.getByRole('link', { name: 'Skips' }).click();
  await expect(researcherPage).toHaveURL(new RegExp(`/projects/${project.id}/skips$`));
  await expect(researcherPage.getByRole('heading', { name: 'Skipped items', level: 1 })).toBeVisible();

  const all = researcherPage.getByRole('table', { name: 'Skips' });
  const row = all.getByRole('row', { name: new RegExp(skipped) });
  await expect(row).toContainText('The prompt is unclear');
  await expect(row).toContainText('Which France: the country or the town in Texas?');
  await expect(row).toContainText(annotator.email);

  const short = researcherPage.getByRole('table', { name: 'Skipped items short of their target' });
  await expect(short.getByRole('row', { name: new RegExp(skipped) })).toContainText('0 of 1');
});
