import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { createAccount, createProject, signedIn } from '../support/api.ts';
import { signInQuietly } from '../support/ui.ts';

test('applying a preset asks before replacing the questions, warns when ranking would be lost, and can be undone', async ({
  page,
}) => {
  const researcher = await createAccount('researcher');
  const api = await signedIn(researcher);
  const project = await createProject(api, { name: `Preset ${Date.now().toString(36)}`, kind: 'ranking' });
  await api.dispose();
  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}/template`);
  const questions = page.getByRole('region', { name: 'Questions' }).getByRole('listitem');
  await expect(questions).toHaveCount(2);
  await expect(questions.first()).toContainText('Ranking of outputs');

  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'HelpSteer attributes' });
  await page.getByRole('button', { name: 'Apply preset' }).click();
  const confirm = page.getByRole('group', { name: 'Replace the questions?' });
  await expect(confirm).toContainText('Replace the 2 current questions with the HelpSteer attributes preset?');
  await expect(confirm).toContainText('“Rank the outputs, best first”');
  await expect(confirm).toContainText('no ranking or pairwise question');
  await expectNoAxeViolations(page, 'the preset confirmation');
  // Keeping them changes nothing.
  await confirm.getByRole('button', { name: 'Keep my questions' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(questions).toHaveCount(2);

  await page.getByRole('button', { name: 'Apply preset' }).click();
  await page.getByRole('button', { name: 'Replace questions' }).click();
  await expect(questions).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'Applied the HelpSteer attributes preset' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo preset' }).click();
  await expect(questions).toHaveCount(2);
  await expect(questions.first()).toContainText('Ranking of outputs');
  await expect(page.getByRole('status').filter({ hasText: 'Restored the questions' })).toBeVisible();
  // Nothing was saved along the way.
  await expect(page.getByRole('button', { name: 'Save template' })).toBeDisabled();
});
