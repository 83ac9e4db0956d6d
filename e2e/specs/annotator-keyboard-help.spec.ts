import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { arrangeProject } from '../support/api.ts';
import { currentItem, nextItem } from '../support/template-builder.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const longAnswer = Array.from({ length: 60 }, (_, i) => `Line ${i + 1} of a very long answer.`).join('\n\n');
const jsonl = ['one', 'two']
  .map((id) =>
    JSON.stringify({
      id,
      prompt: `Explain item ${id} at length.`,
      outputs: [
        { id: 'long', content: longAnswer },
        { id: 'short', content: 'A short answer.' },
      ],
    }),
  )
  .join('\n');

test('the shortcut sheet, Submit leading to what is missing, layouts, long outputs and skipping, all by keyboard', async ({
  page,
}) => {
  const { annotator, project } = await arrangeProject('ranking', jsonl, 'Prefer **short** answers.');
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const kb = page.keyboard;
  const first = await currentItem(page);

  // Submit with nothing answered: the checklist says what is missing and the focus goes to the first of it.
  await kb.press('Control+Enter');
  await expect(page.getByRole('button', { name: 'Output A, unranked' })).toBeFocused();
  await expect(page.getByRole('button', { name: /^Submit/ })).toHaveAttribute('aria-disabled', 'true');

  // J and K walk the questions in reading order: the board is followed by Submit and preceded by C's scale.
  await kb.press('j');
  await expect(page.getByRole('button', { name: /^Submit/ })).toBeFocused();
  await kb.press('k');
  await expect(page.getByRole('button', { name: 'Output A, unranked' })).toBeFocused();
  await kb.press('k');
  await expect(
    page.getByRole('radiogroup', { name: 'Overall quality for output B' }).getByRole('radio').first(),
  ).toBeFocused();
  await kb.press('j');

  // ? opens the sheet (a modal dialog), Escape closes it and gives the focus back.
  await kb.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('row', { name: /Submit/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the shortcut sheet');
  await snap(page, '27-shortcut-sheet');
  await kb.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('button', { name: 'Output A, unranked' })).toBeFocused();

  // Long outputs start folded; E unfolds them all; L switches between side-by-side and stacked.
  const outputs = page.getByRole('region', { name: 'Model outputs' });
  const longCard = outputs.getByRole('article').filter({ hasText: 'Line 1 of' });
  await expect(longCard.getByRole('button', { name: /^Show all of output/ })).toHaveAttribute('aria-expanded', 'false');
  await kb.press('e');
  await expect(longCard.getByRole('button', { name: 'Show less' })).toHaveAttribute('aria-expanded', 'true');
  await expect(outputs).toHaveClass(/side-by-side/);
  await kb.press('l');
  await expect(outputs).toHaveClass(/stacked/);
  await expect(page.getByRole('button', { name: /Stacked outputs/ })).toHaveAttribute('aria-pressed', 'true');
  await kb.press('g');
  await expect(page.getByRole('button', { name: /Guidelines/ })).toHaveAttribute('aria-expanded', 'false');

  // S opens the skip form on its reason; the keyboard picks one and skips.
  await kb.press('s');
  await expect(page.getByLabel('Skip reason')).toBeFocused();
  await page.getByLabel('Skip reason').selectOption('unclear-prompt');
  await kb.press('Tab');
  await kb.type('Too vague');
  await kb.press('Tab');
  await kb.press('Enter');
  const second = await nextItem(page, first);
  expect(second).not.toBe(first);
  await expect(page.getByRole('region', { name: 'Your progress' })).toContainText('0 submitted, 1 skipped');
  // The layout choice follows the annotator to the next item.
  await expect(outputs).toHaveClass(/stacked/);
});
