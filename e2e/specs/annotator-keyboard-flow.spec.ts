import { expect, type Page, test } from '@playwright/test';
import { arrangeProject } from '../support/api.ts';
import { signInQuietly } from '../support/ui.ts';

const jsonl = `${JSON.stringify({
  id: 'symbols',
  prompt: 'Compare the snippets.',
  outputs: [
    { id: 'o1', content: 'Use a_b and 2 * 3 when x > y in C#.' },
    { id: 'o2', content: 'Second answer.' },
    { id: 'o3', content: 'Third answer.' },
  ],
})}\n`;

test('digits after the last rating pass over a finished ranking board to Submit; Esc folds the skip form away', async ({
  page,
}) => {
  const { annotator, project } = await arrangeProject('ranking', jsonl);
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const board = page.getByRole('region', { name: 'Rank the outputs, best first' });
  const kb = page.keyboard;

  // The chip's glimpse keeps every character of the text (only Markdown syntax would go).
  // Chips carry the blind output ids annotators see: found by their text.
  const chipOf = board.locator('[data-output-chip]', { hasText: 'Use a_b' });
  await expect(chipOf).toContainText('Use a_b and 2 * 3 when x > y in C#.');

  // Rank on the cards first: A, B, C at 1, 2, 3.
  const cards = page.getByRole('region', { name: 'Model outputs' }).getByRole('article');
  for (const [index, digit] of ['1', '2', '3'].entries()) {
    await cards.nth(index).focus();
    await kb.press(digit);
  }
  await expect(board.getByRole('button', { name: 'Output A, rank 1' })).toBeVisible();

  // Then rate A, B and C with digits: the last one moves on to Submit, not to the finished board.
  await page.getByRole('radiogroup', { name: 'Overall quality for output A' }).getByRole('radio').first().focus();
  await kb.press('5');
  await kb.press('6');
  await kb.press('3');
  await expect(page.getByRole('button', { name: /^Submit/ })).toBeFocused();
  await kb.press('2');
  await expect(board.getByRole('button', { name: 'Output A, rank 1' })).toBeVisible();
  await expect(board.getByRole('button', { name: 'Output B, rank 2' })).toBeVisible();

  // S opens the skip form; Escape closes it and gives the focus back to its button.
  await kb.press('s');
  await expect(page.getByLabel('Skip reason')).toBeFocused();
  await kb.press('Escape');
  await expect(page.getByRole('form', { name: 'Skip this item' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Skip this item…' })).toBeFocused();
});

function cspViolations(page: Page) {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test('the template builder preview typesets math and shows the ranking board under the CSP without a violation', async ({
  page,
}) => {
  const { researcher, project } = await arrangeProject('ranking', jsonl);
  const violations = cspViolations(page);
  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}/template`);
  const preview = page.getByRole('region', { name: 'Annotator preview' });
  await expect(preview.locator('.katex').first()).toBeVisible();
  await expect(preview.getByRole('button', { name: 'Output A, unranked' })).toBeVisible();
  expect(violations).toEqual([]);
});
