import { expect, request, test } from '@playwright/test';
import { createAccount } from '../support/api.ts';
import { ADMIN, BASE_URL } from '../support/env.ts';
import { signInQuietly, signInThroughForm, snap } from '../support/ui.ts';

test('a researcher makes an API token that works once copied, revokes it, and an admin sees both in the audit log', async ({
  page,
}) => {
  const researcher = await createAccount('researcher');
  await signInThroughForm(page, researcher);
  await page.getByRole('link', { name: 'Security' }).click();
  await page.getByLabel('Token name').fill('nightly export');
  await page.getByLabel('Your password').fill(researcher.password);
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = await page.getByLabel('New token').inputValue();
  expect(token).toMatch(/^fbt_/);
  await snap(page, '30-api-token-created');

  const script = await request.newContext({
    baseURL: BASE_URL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  expect((await script.get('/api/projects')).status()).toBe(200);
  // Read-only by default: a change is refused.
  expect((await script.post('/api/projects', { data: { name: 'x', kind: 'ranking' } })).status()).toBe(403);

  const row = page.getByRole('row', { name: /nightly export/ });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(page.getByRole('table', { name: 'API tokens' })).not.toContainText(token);
  await row.getByRole('button', { name: 'Revoke nightly export' }).click();
  // Revoking cannot be undone: the panel asks first.
  await row.getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toContainText('revoked');
  expect((await script.get('/api/projects')).status()).toBe(401);
  await script.dispose();

  await page.context().clearCookies();
  await signInQuietly(page, ADMIN);
  await page.goto('/security');
  const log = page.getByRole('table', { name: 'Audit events' });
  await expect(
    log.getByRole('row').filter({ hasText: researcher.email }).filter({ hasText: 'API token created' }),
  ).toHaveCount(1);
  await expect(
    log.getByRole('row').filter({ hasText: researcher.email }).filter({ hasText: 'API token revoked' }),
  ).toHaveCount(1);
  await snap(page, '31-audit-log');
});
