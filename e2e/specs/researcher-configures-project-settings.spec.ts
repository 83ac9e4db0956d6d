import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { projectOf } from '../support/annotations.ts';
import { createAccount, signedIn } from '../support/api.ts';
import { signInQuietly } from '../support/ui.ts';

test('a researcher sets overlap, lease length and item order when creating a project and changes them later', async ({
  page,
}) => {
  const researcher = await createAccount('researcher');
  const api = await signedIn(researcher);
  await signInQuietly(page, researcher);
  // The workspaces answer late (a slow network): what the researcher typed before must stay in the form.
  let workspacesAnswered = false;
  await page.route('**/api/workspaces', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
    workspacesAnswered = true;
  });
  await page.goto('/');
  const name = `Settings ${Date.now().toString(36)}`;
  await page.getByLabel('Name').fill(name);
  await expect.poll(() => workspacesAnswered).toBe(true);
  await expect(page.getByLabel('Name')).toHaveValue(name);
  await page.getByLabel('Annotators per item').fill('3');
  await page.getByLabel('Lease length (minutes)').fill('45');
  await page.getByLabel('Item order').selectOption({ label: 'Random' });
  await expectNoAxeViolations(page, 'the new project form with its settings');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  const projectId = page.url().split('/').at(-1) ?? '';
  expect((await projectOf(api, projectId)).settings).toMatchObject({
    overlapTarget: 3,
    leaseMinutes: 45,
    ordering: 'random',
  });

  // The dashboard shows them and saves a change.
  const settings = page.getByRole('form', { name: 'Settings' });
  await expect(settings.getByLabel('Annotators per item')).toHaveValue('3');
  await settings.getByLabel('Annotators per item').fill('2');
  await settings.getByLabel('Item order').selectOption({ label: 'Import order' });
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByRole('status')).toHaveText('Settings saved.');
  const saved = await projectOf(api, projectId);
  expect(saved.settings).toMatchObject({ overlapTarget: 2, leaseMinutes: 45, ordering: 'import-order' });
  // The template is untouched by a settings change.
  expect(saved.templateVersion).toBe(1);
  await expectNoAxeViolations(page, 'the project dashboard with its settings');
  await api.dispose();
});
