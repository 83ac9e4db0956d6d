import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { annotationOf, storedAnnotations } from '../support/annotations.ts';
import { arrangeProject } from '../support/api.ts';
import { expectRecordedOrder, fixture, shownOutputs } from '../support/fixtures.ts';
import { currentItem, nextItem, savePreset } from '../support/template-builder.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const { jsonl, items } = fixture('pairwise-items.jsonl');

test('Llama 2 pairwise: preference strength, tie and safety labels given with the keyboard only', async ({
  page,
  browser,
}) => {
  const { researcher, annotator, researcherApi, project } = await arrangeProject('ranking', jsonl);
  await signInQuietly(page, researcher);
  await savePreset(page, project.id, 'Llama 2 pairwise');
  await expect(page.getByRole('region', { name: 'Annotator preview' }).getByRole('article')).toHaveCount(2);

  const annotatorPage = await (await browser.newContext()).newPage();
  await signInQuietly(annotatorPage, annotator);
  await annotatorPage.goto(`/projects/${project.id}/annotate`);
  const kb = annotatorPage.keyboard;
  const scale = annotatorPage.getByRole('radiogroup', { name: 'Which response is more helpful?' });

  // Item 1: "A better" is the 2nd point of the scale; then A safe (1), B unsafe (2); focus ends on Submit.
  const first = await currentItem(annotatorPage);
  await expect(scale.getByRole('radio').first()).toBeFocused();
  // Code and math in outputs are rendered (highlight.js, KaTeX) where the fixture has them.
  if (first === 'sort-words') await expect(annotatorPage.locator('.katex').first()).toBeVisible();
  await expectNoAxeViolations(annotatorPage, 'the Llama 2 pairwise annotator view');
  await kb.press('2');
  await expect(scale.getByRole('radio', { name: 'A better', exact: true })).toBeChecked();
  await kb.press('1');
  await kb.press('2');
  await expect(annotatorPage.getByRole('button', { name: /^Submit/ })).toBeFocused();
  await snap(annotatorPage, '22-annotate-pairwise');
  const shown1 = await shownOutputs(annotatorPage);
  await kb.press('Control+Enter');

  // Item 2: a tie (9th point), both safe.
  const second = await nextItem(annotatorPage, first);
  await kb.press('9');
  await kb.press('1');
  await kb.press('1');
  const shown2 = await shownOutputs(annotatorPage);
  await kb.press('Control+Enter');
  await expect(annotatorPage.getByRole('heading', { name: 'No more items — thanks!' })).toBeVisible();

  const stored = await storedAnnotations(researcherApi, project.id);
  const one = annotationOf(stored, first);
  const [a, b] = one.displayOrder as [string, string];
  expect(one.answers).toEqual({
    preference: {
      type: 'pairwise',
      verdict: 'preferred',
      preferred: a,
      strength: 'better',
      safe: { [a]: true, [b]: false },
    },
  });
  const two = annotationOf(stored, second);
  const [a2, b2] = two.displayOrder as [string, string];
  expect(two.answers).toEqual({ preference: { type: 'pairwise', verdict: 'tie', safe: { [a2]: true, [b2]: true } } });
  expectRecordedOrder(
    shown1,
    items.find((i) => i.id === first),
    one.displayOrder,
  );
  expectRecordedOrder(
    shown2,
    items.find((i) => i.id === second),
    two.displayOrder,
  );
});
