import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { annotationOf, projectOf, storedAnnotations } from '../support/annotations.ts';
import { arrangeProject, createAccount } from '../support/api.ts';
import { fixture } from '../support/fixtures.ts';
import { currentItem } from '../support/template-builder.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const { jsonl } = fixture('demonstration-items.jsonl');

test('a researcher adds, configures, reorders and removes questions with a live preview; annotators get the new version', async ({
  page,
  browser,
}) => {
  const { researcher, annotator, researcherApi, project } = await arrangeProject('demonstration', jsonl);
  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);
  await page.getByRole('link', { name: 'Edit template' }).click();
  await expect(page.getByRole('heading', { name: `Template of ${project.name}` })).toBeVisible();
  const preview = page.getByRole('region', { name: 'Annotator preview' });

  // The demonstration continues the conversation, with the user's next turn required.
  await page.getByLabel('Variant').selectOption('continue');
  await page.getByLabel("User's next turn").selectOption('required');
  await expect(preview.getByRole('textbox', { name: "The user's next message" })).toBeVisible();

  // A multi-label classification of the prompt, moved first.
  await page.getByLabel('New question type').selectOption('classification');
  await page.getByRole('button', { name: 'Add question' }).click();
  await page.getByLabel('Question 2 label').fill('Language of the prompt');
  await page.getByLabel('Several labels may apply (multi-label)').check();
  await page.getByLabel('Option 1 label').fill('English');
  await page.getByLabel('Option 2 label').fill('French');
  await page.getByRole('button', { name: 'Add option' }).click();
  await page.getByLabel('Option 3 label').fill('Other');
  await page.getByRole('button', { name: 'Move Question 2 up' }).click();
  await expect(page.getByLabel('Question 1 label')).toHaveValue('Language of the prompt');
  await expect(preview.getByRole('group', { name: 'Language of the prompt' }).getByRole('checkbox')).toHaveCount(3);

  // Duplicate ids cannot be saved; the builder says why.
  await page.getByLabel('Question 2 id').fill('classification');
  await expect(page.getByRole('alert')).toContainText('Question 2: the id "classification" is used twice');
  await expect(page.getByRole('button', { name: 'Save template' })).toBeDisabled();
  await page.getByLabel('Question 2 id').fill('reply');

  // A question added and removed again leaves nothing behind.
  await page.getByLabel('New question type').selectOption('rationale');
  await page.getByRole('button', { name: 'Add question' }).click();
  await page.getByRole('button', { name: 'Remove Question 3' }).click();
  await expect(page.getByLabel('Question 3 label')).toHaveCount(0);
  await snap(page, '26-template-builder-custom');
  await expectNoAxeViolations(page, 'the template builder with a continuation and a multi-label question');

  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as template version 2.' })).toBeVisible();
  const saved = await projectOf(researcherApi, project.id);
  expect(saved.settings.questions.map((q) => [q.id, q.type])).toEqual([
    ['classification', 'classification'],
    ['reply', 'demonstration'],
  ]);

  // The annotator: labels by digit (Enter moves on), the assistant's reply, Tab, the user's next message.
  const annotatorPage = await (await browser.newContext()).newPage();
  await signInQuietly(annotatorPage, annotator);
  await annotatorPage.goto(`/projects/${project.id}/annotate`);
  const item = await currentItem(annotatorPage);
  const kb = annotatorPage.keyboard;
  await kb.press('1');
  await kb.press('3');
  await kb.press('Enter');
  await kb.type('Here is the answer.');
  await kb.press('Tab');
  await kb.type('Thanks! And in French?');
  await kb.press('Control+Enter');
  await expect(annotatorPage.getByText(/^item /)).not.toHaveText(`item ${item}`);

  const stored = annotationOf(await storedAnnotations(researcherApi, project.id), item);
  expect(stored.templateVersion).toBe(2);
  expect(stored.answers).toEqual({
    classification: { type: 'classification', selected: ['option-1', 'option-3'] },
    reply: { type: 'demonstration', text: 'Here is the answer.', nextUserTurn: 'Thanks! And in French?' },
  });
});

test('a new project can start from a preset, which sets its kind and template', async ({ page }) => {
  const researcher = await createAccount('researcher');
  await signInQuietly(page, researcher);
  await page.goto('/');
  await page.getByLabel('Name').fill(`Pairs ${Date.now().toString(36)}`);
  await page.getByLabel('Start from').selectOption({ label: 'Llama 2 pairwise' });
  await expect(page.getByLabel('Kind')).toHaveValue('ranking');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('link', { name: 'Edit template' }).click();
  await expect(page.getByLabel('Question 1 label')).toHaveValue('Which response is more helpful?');
  await expect(page.getByText('template version 1')).toBeVisible();
});
