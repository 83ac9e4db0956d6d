import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { annotationOf, storedAnnotations } from '../support/annotations.ts';
import { arrangeProject } from '../support/api.ts';
import { expectRecordedOrder, fixture, shownOutputs } from '../support/fixtures.ts';
import { currentItem, nextItem, savePreset } from '../support/template-builder.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const { jsonl, items } = fixture('ranking-items.jsonl');
const ATTRIBUTES = ['helpfulness', 'correctness', 'coherence', 'complexity', 'verbosity'];

test('HelpSteer attributes: five 0-4 scales per output, typed as digits with the keyboard only', async ({
  page,
  browser,
}) => {
  const { researcher, annotator, researcherApi, project } = await arrangeProject('ranking', jsonl);
  await signInQuietly(page, researcher);
  await savePreset(page, project.id, 'HelpSteer attributes');

  const annotatorPage = await (await browser.newContext()).newPage();
  await signInQuietly(annotatorPage, annotator);
  await annotatorPage.goto(`/projects/${project.id}/annotate`);
  const kb = annotatorPage.keyboard;

  // Each digit answers one scale and moves to the next: 5 attributes x 3 outputs = 15 keys, then Submit.
  const typed = ['43421', '22331', '00400'];
  const first = await currentItem(annotatorPage);
  await expect(
    annotatorPage.getByRole('radiogroup', { name: 'Helpfulness for output A' }).getByRole('radio').first(),
  ).toBeFocused();
  await expectNoAxeViolations(annotatorPage, 'the HelpSteer annotator view');
  for (const digit of typed.join('')) await kb.press(digit);
  await expect(annotatorPage.getByRole('button', { name: /^Submit/ })).toBeFocused();
  await snap(annotatorPage, '23-annotate-helpsteer');
  const shown1 = await shownOutputs(annotatorPage);
  await kb.press('Control+Enter');

  // Item 2: the checklist names what is missing until the last scale is given.
  const second = await nextItem(annotatorPage, first);
  for (const digit of '444444444444444'.slice(0, 14)) await kb.press(digit);
  await expect(annotatorPage.getByRole('status', { name: 'Before you submit' })).toContainText(
    'Verbosity: rate output C',
  );
  await kb.press('2');
  const shown2 = await shownOutputs(annotatorPage);
  await kb.press('Control+Enter');
  await expect(annotatorPage.getByRole('heading', { name: 'No more items — thanks!' })).toBeVisible();

  const stored = await storedAnnotations(researcherApi, project.id);
  const one = annotationOf(stored, first);
  const values = Object.fromEntries(
    one.displayOrder.map((id, position) => [
      id,
      Object.fromEntries(ATTRIBUTES.map((name, i) => [name, Number(typed[position]?.[i])])),
    ]),
  );
  expect(one.answers).toEqual({ attributes: { type: 'attributes', values } });
  const two = annotationOf(stored, second);
  const last = two.displayOrder.at(-1) as string;
  expect(two.answers.attributes).toMatchObject({ values: { [last]: { helpfulness: 4, verbosity: 2 } } });
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
