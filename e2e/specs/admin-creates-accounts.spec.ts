import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/env.ts';
import { signInThroughForm, snap } from '../support/ui.ts';

test('an admin creates an account that can then sign in, and a taken email is refused', async ({ page }) => {
  const researcher = { email: `new-researcher-${Date.now().toString(36)}@e2e.test`, password: 'first-password-1' };

  await signInThroughForm(page, ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accounts');

  await page.getByLabel('Account email').fill(researcher.email);
  await page.getByLabel('Initial password').fill(researcher.password);
  await page.getByLabel('Account role').selectOption('researcher');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Created' })).toHaveText(
    `Created ${researcher.email} (researcher).`,
  );
  const accounts = page.getByRole('table', { name: 'Accounts' });
  await expect(accounts.getByRole('row').filter({ hasText: researcher.email })).toContainText('researcher');
  await snap(page, '11-accounts');

  await page.getByLabel('Account email').fill(researcher.email);
  await page.getByLabel('Initial password').fill('another-password-1');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toContainText('already exists');

  await page.getByRole('button', { name: 'Log out' }).click();
  await signInThroughForm(page, researcher);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Create project' })).toBeVisible();
});
