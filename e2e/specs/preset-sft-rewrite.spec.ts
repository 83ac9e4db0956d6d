import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { annotationOf, storedAnnotations } from '../support/annotations.ts';
import { arrangeProject } from '../support/api.ts';
import { fixture } from '../support/fixtures.ts';
import { currentItem, nextItem, savePreset } from '../support/template-builder.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const { jsonl, items } = fixture('rewrite-items.jsonl');

test('SFT rewrite: the original beside the edit with a diff, rewritten and explained with the keyboard only', async ({
  page,
  browser,
}) => {
  const { researcher, annotator, researcherApi, project } = await arrangeProject('demonstration', jsonl);
  await signInQuietly(page, researcher);
  await savePreset(page, project.id, 'SFT rewrite');

  const annotatorPage = await (await browser.newContext()).newPage();
  await signInQuietly(annotatorPage, annotator);
  await annotatorPage.goto(`/projects/${project.id}/annotate`);
  const kb = annotatorPage.keyboard;
  const editor = annotatorPage.getByRole('textbox', { name: 'Your rewrite' });
  const diff = annotatorPage.getByRole('region', { name: 'Changes from the original' });

  // Item 1: the editor starts as the original; the annotator replaces it, the diff shows what changed.
  const first = await currentItem(annotatorPage);
  const original1 = items.find((i) => i.id === first)?.outputs?.[0]?.content ?? '';
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(original1);
  await expect(diff).toContainText('No changes yet.');
  await kb.press('Control+A');
  await kb.type('Rewritten: a clear and correct answer.');
  await expect(diff.locator('ins').first()).toBeVisible();
  await expect(diff.locator('del').first()).toBeVisible();
  await expectNoAxeViolations(annotatorPage, 'the SFT rewrite annotator view');
  await snap(annotatorPage, '25-annotate-sft-rewrite');
  await kb.press('Control+Enter');

  // Item 2: append to the original, then Tab to the optional rationale and explain.
  const second = await nextItem(annotatorPage, first);
  const original2 = items.find((i) => i.id === second)?.outputs?.[0]?.content ?? '';
  await kb.press('Control+End');
  await kb.type(' Checked.');
  const why = annotatorPage.getByRole('textbox', { name: /What did you change/ });
  for (let i = 0; i < 6; i++) {
    if (await why.evaluate((el) => el === document.activeElement)) break;
    await kb.press('Tab');
  }
  await expect(why).toBeFocused();
  await kb.type('Added a note that it was checked.');
  await kb.press('Control+Enter');
  await expect(annotatorPage.getByRole('heading', { name: 'No more items — thanks!' })).toBeVisible();

  const stored = await storedAnnotations(researcherApi, project.id);
  const one = annotationOf(stored, first);
  expect(one.displayOrder).toEqual(['draft']);
  expect(one.answers).toEqual({
    rewrite: { type: 'demonstration', text: 'Rewritten: a clear and correct answer.', sourceOutputId: 'draft' },
  });
  expect(annotationOf(stored, second).answers).toEqual({
    rewrite: { type: 'demonstration', text: `${original2} Checked.`, sourceOutputId: 'draft' },
    changes: { type: 'rationale', text: 'Added a note that it was checked.' },
  });
});
