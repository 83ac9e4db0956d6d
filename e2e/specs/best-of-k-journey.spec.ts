import { adjudicationItemSchema } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { storedAnnotations } from '../support/annotations.ts';
import { arrangeProject, exportLines } from '../support/api.ts';
import { fixture } from '../support/fixtures.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const { jsonl, items } = fixture('ranking-items.jsonl');

test('best of K: built in the template builder, answered by keyboard, read as shown, adjudicated and exported', async ({
  page,
}) => {
  test.slow();
  const { researcher, annotator, researcherApi, project } = await arrangeProject(
    'ranking',
    `${jsonl.split('\n')[0]}\n`,
  );

  // The researcher replaces the default questions with one best-of-K question.
  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}/template`);
  await page.getByLabel('New question type').selectOption('best-of-k');
  await page.getByRole('button', { name: 'Add question' }).click();
  await page.getByRole('button', { name: 'Remove Question 1' }).click();
  await page.getByRole('button', { name: 'Remove Question 1' }).click();
  await expect(page.getByLabel('Question 1 label')).toHaveValue('Pick the best output');
  await expect(page.getByLabel('Offer "None is acceptable"')).toBeChecked();
  const preview = page.getByRole('region', { name: 'Annotator preview' });
  const previewChoices = preview.getByRole('radiogroup', { name: 'Pick the best output' });
  await expect(previewChoices.getByRole('radio')).toHaveCount(4);
  await expect(previewChoices.getByRole('radio', { name: 'None is acceptable' })).toBeVisible();
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as template version 2.' })).toBeVisible();

  // The annotator picks output B with its digit: the focus starts on the choice and moves on to Submit.
  await page.context().clearCookies();
  await signInQuietly(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const choices = page.getByRole('radiogroup', { name: 'Pick the best output' });
  await expect(choices.getByRole('radio')).toHaveCount(4);
  await expect(choices.getByRole('radio', { name: 'Output A' })).toBeFocused();
  await page.keyboard.press('2');
  await expect(choices.getByRole('radio', { name: 'Output B' })).toBeChecked();
  await expect(page.getByRole('button', { name: /^Submit/ })).toBeFocused();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'No more items' })).toBeVisible();

  const [stored] = await storedAnnotations(researcherApi, project.id);
  if (!stored) throw new Error('no annotation stored');
  const chosen = stored.displayOrder[1] as string;
  expect(stored.answers['best-of-k']).toEqual({ type: 'best-of-k', choice: chosen });

  // The researcher reviews it as the annotator saw it: "Output B", not the output's id.
  await page.context().clearCookies();
  await signInQuietly(page, researcher);
  await page.goto('/review');
  const answers = page.getByRole('region', { name: 'Answers to review' });
  await expect(answers).toContainText('Output B');
  await expect(answers).not.toContainText(chosen);
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: accepted' })).toBeVisible();

  // Adjudication: the same radios, outputs named by id; the adjudicator settles on another output.
  const other = stored.displayOrder.find((id) => id !== chosen) as string;
  await page.goto(`/projects/${project.id}/adjudication/${stored.itemId}`);
  await expect(page.getByRole('table', { name: 'Annotations side by side' })).toContainText(`Output ${chosen}`);
  const field = page.getByRole('form', { name: 'Adjudicated answer' }).getByRole('radiogroup', {
    name: 'Pick the best output',
  });
  await field.getByRole('radio', { name: `Output ${other}` }).check();
  await page.getByRole('button', { name: 'Save adjudicated answer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'revision 1' })).toBeVisible();
  await snap(page, '38-best-of-k-adjudicated');
  const adjudicated = adjudicationItemSchema.parse(
    await (await researcherApi.get(`/api/projects/${project.id}/adjudication/items/${stored.itemId}`)).json(),
  );
  expect(adjudicated.adjudication?.answers['best-of-k']).toEqual({ type: 'best-of-k', choice: other });

  // The export has the annotator's pick (raw) and the adjudicated one as the item's ranking (chosen first).
  const raw = (await exportLines(researcherApi, project.id, 'raw')) as { answers: Record<string, unknown> }[];
  expect(raw.map((line) => line.answers['best-of-k'])).toEqual([{ type: 'best-of-k', choice: chosen }]);
  const rankings = (await exportLines(researcherApi, project.id, 'rankings')) as {
    outputs: { id: string; rank: number }[];
  }[];
  expect(rankings).toHaveLength(1);
  expect(rankings[0]?.outputs.find((o) => o.rank === 1)?.id).toBe(other);
  expect(items[0]?.outputs?.some((o) => o.id === other)).toBe(true);
});
