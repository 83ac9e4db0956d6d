import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { projectOf, storedAnnotations } from '../support/annotations.ts';
import { arrangeProject } from '../support/api.ts';
import { fixture } from '../support/fixtures.ts';
import { savePreset } from '../support/template-builder.ts';
import { signInQuietly } from '../support/ui.ts';

const { jsonl } = fixture('ranking-items.jsonl');

test('Likert point labels: set per point in the template builder, shown on the scale and named for screen readers', async ({
  page,
  browser,
}) => {
  test.slow();
  const { researcher, annotator, researcherApi, project } = await arrangeProject('ranking', jsonl);
  await signInQuietly(page, researcher);
  await savePreset(page, project.id, 'InstructGPT ranking');

  // The preset's end labels show as labels of 1 and 7; label the middle point too, and rename the top one.
  const builder = page.getByRole('group', { name: /^Point labels/ });
  await expect(builder.getByRole('textbox', { name: 'Label of 1' })).toHaveValue('Terrible');
  await builder.getByRole('textbox', { name: 'Label of 4' }).fill('Acceptable');
  await builder.getByRole('textbox', { name: 'Label of 7' }).fill('Outstanding');
  // The live preview shows the scale exactly as annotators will see it.
  const preview = page.getByRole('region', { name: 'Annotator preview' });
  await expect(
    preview
      .getByRole('radiogroup', { name: /^Overall quality for output A/ })
      .getByRole('radio', { name: '4: Acceptable' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as template version 3.' })).toBeVisible();
  const quality = (await projectOf(researcherApi, project.id)).settings.questions.find((q) => q.id === 'quality');
  expect(quality).toMatchObject({
    type: 'rating',
    minLabel: '',
    maxLabel: '',
    pointLabels: [
      { value: 1, label: 'Terrible' },
      { value: 4, label: 'Acceptable' },
      { value: 7, label: 'Outstanding' },
    ],
  });

  const annotatorPage = await (await browser.newContext()).newPage();
  await signInQuietly(annotatorPage, annotator);
  await annotatorPage.goto(`/projects/${project.id}/annotate`);
  const scale = annotatorPage.getByRole('radiogroup', { name: 'Overall quality for output A' });
  // Labelled points carry their words in their accessible names; the others are just numbers.
  await expect(scale.getByRole('radio')).toHaveCount(7);
  await expect(scale.getByRole('radio', { name: '1: Terrible' })).toBeFocused();
  await expect(scale.getByRole('radio', { name: '7: Outstanding' })).toBeVisible();
  await expect(scale.getByRole('radio', { name: '2', exact: true })).toBeVisible();
  // Side by side (the default for three outputs) the labels read as one line under the points.
  await expect(scale.getByText('1 Terrible · 4 Acceptable · 7 Outstanding')).toBeVisible();
  await expectNoAxeViolations(annotatorPage, 'a Likert scale with point labels');
  await annotatorPage.keyboard.press('4');
  await expect(scale.getByRole('radio', { name: '4: Acceptable' })).toBeChecked();

  // Answer the rest (other outputs 5, no flags, a strict ranking) and check what was stored.
  const kb = annotatorPage.keyboard;
  await kb.press('Enter');
  for (let i = 0; i < 2; i++) {
    await kb.press('5');
    await kb.press('Enter');
  }
  await kb.press('1');
  await kb.press('Tab');
  await kb.press('2');
  await kb.press('Tab');
  await kb.press('3');
  await kb.press('Control+Enter');
  await expect.poll(async () => (await storedAnnotations(researcherApi, project.id)).length).toBe(1);
  const [stored] = await storedAnnotations(researcherApi, project.id);
  const shownFirst = stored?.displayOrder[0] as string;
  expect(stored?.answers.quality).toMatchObject({ type: 'rating', values: { [shownFirst]: 4 } });
  expect(stored?.templateVersion).toBe(3);
});
