import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { annotationOf, projectOf, storedAnnotations } from '../support/annotations.ts';
import { arrangeProject } from '../support/api.ts';
import { expectRecordedOrder, fixture, shownOutputs } from '../support/fixtures.ts';
import { currentItem, nextItem, savePreset } from '../support/template-builder.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const { jsonl, items } = fixture('ranking-items.jsonl');

test('InstructGPT ranking: built in the template builder, two items rated, flagged and ranked with the keyboard only', async ({
  page,
  browser,
}) => {
  const { researcher, annotator, researcherApi, project } = await arrangeProject('ranking', jsonl);
  await signInQuietly(page, researcher);
  await savePreset(page, project.id, 'InstructGPT ranking');
  await expect(page.getByRole('region', { name: 'Annotator preview' }).getByRole('article')).toHaveCount(3);
  await expectNoAxeViolations(page, 'the template builder');
  await snap(page, '20-template-builder-instructgpt');
  expect((await projectOf(researcherApi, project.id)).templateVersion).toBe(2);

  const annotatorPage = await (await browser.newContext()).newPage();
  await signInQuietly(annotatorPage, annotator);
  await annotatorPage.goto(`/projects/${project.id}/annotate`);
  const kb = annotatorPage.keyboard;

  // Item 1. Focus starts on output A's 1-7 scale; a digit answers and moves on: A's flags, B's scale...
  const first = await currentItem(annotatorPage);
  await expect(
    annotatorPage.getByRole('radiogroup', { name: 'Overall quality for output A' }).getByRole('radio').first(),
  ).toBeFocused();
  await expectNoAxeViolations(annotatorPage, 'the InstructGPT annotator view');
  await kb.press('6');
  await kb.press('2'); // flag 2 (hallucination) on A
  await kb.press('Enter');
  await kb.press('4');
  await kb.press('Enter');
  await kb.press('2');
  await kb.press('Enter');
  // The ranking board: A first, B tied with it (=), C third.
  await kb.press('1');
  await kb.press('Tab');
  await kb.press('=');
  await kb.press('Tab');
  await kb.press('3');
  await expect(annotatorPage.getByRole('status', { name: 'Before you submit' })).toHaveText('✓ Ready to submit');
  await snap(annotatorPage, '21-annotate-instructgpt');
  const shown1 = await shownOutputs(annotatorPage);
  await kb.press('Control+Enter');

  // Item 2: all rated 5, no flags, strict order B > A > C.
  const second = await nextItem(annotatorPage, first);
  for (let i = 0; i < 3; i++) {
    await kb.press('5');
    await kb.press('Enter');
  }
  await kb.press('2'); // A -> rank 2
  await kb.press('Tab');
  await kb.press('1'); // B -> rank 1
  await kb.press('Tab');
  await kb.press('Tab'); // past A (now in row 2) to C
  await kb.press('3');
  const shown2 = await shownOutputs(annotatorPage);
  await kb.press('Control+Enter');
  await expect(annotatorPage.getByRole('heading', { name: 'No more items — thanks!' })).toBeVisible();
  // The form is gone: focus lands on the "you're done" heading, not on nothing.
  await expect(annotatorPage.getByRole('heading', { name: 'No more items — thanks!' })).toBeFocused();

  const stored = await storedAnnotations(researcherApi, project.id);
  expect(stored).toHaveLength(2);
  const one = annotationOf(stored, first);
  const [a, b, c] = one.displayOrder;
  expect(one.templateVersion).toBe(2);
  expect(one.answers).toEqual({
    quality: { type: 'rating', values: { [a as string]: 6, [b as string]: 4, [c as string]: 2 } },
    metadata: { type: 'flags', values: { [a as string]: ['hallucination'], [b as string]: [], [c as string]: [] } },
    rank: { type: 'ranking', groups: [[a, b], [c]] },
  });
  const two = annotationOf(stored, second);
  const [a2, b2, c2] = two.displayOrder;
  expect(two.answers.rank).toEqual({ type: 'ranking', groups: [[b2], [a2], [c2]] });
  expect(two.answers.quality).toEqual({
    type: 'rating',
    values: { [a2 as string]: 5, [b2 as string]: 5, [c2 as string]: 5 },
  });

  // The recorded display order is the one the annotator saw.
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
