import { expect, request, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { addMember, createAccount, createProject, importJsonl, nextTask, signedIn } from '../support/api.ts';
import { ADMIN, BASE_URL } from '../support/env.ts';
import { signInQuietly } from '../support/ui.ts';

const item = JSON.stringify({
  id: 'held',
  prompt: 'Pick one.',
  outputs: [
    { id: 'x', content: 'X' },
    { id: 'y', content: 'Y' },
  ],
});

test('a researcher removes a member (freeing the item they held) and changes a role, confirming first', async ({
  page,
}) => {
  const researcher = await createAccount('researcher');
  const annotator = await createAccount('annotator');
  const other = await createAccount('annotator');
  const api = await signedIn(researcher);
  const project = await createProject(api, { name: `Members ${Date.now().toString(36)}`, kind: 'ranking' });
  await importJsonl(api, project.id, `${item}\n`);
  await addMember(api, project.id, annotator.email, 'annotator');
  await addMember(api, project.id, other.email, 'annotator');
  const annotatorApi = await signedIn(annotator);
  const held = await nextTask(annotatorApi, project.id);
  expect(held).not.toBeNull();

  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);
  const members = page.getByRole('region', { name: 'Members' });
  await members.getByRole('combobox', { name: `Role of ${other.email}` }).selectOption('reviewer');
  await expect(members.getByRole('combobox', { name: `Role of ${other.email}` })).toHaveValue('reviewer');
  await members.getByRole('button', { name: `Remove ${annotator.email}` }).click();
  const confirm = members.getByRole('group', { name: new RegExp(`Remove ${annotator.email} from the project`) });
  await expect(confirm).toBeVisible();
  await expectNoAxeViolations(page, 'the members panel asking to confirm a removal');
  await confirm.getByRole('button', { name: 'Remove member' }).click();
  await expect(members.getByRole('row').filter({ hasText: annotator.email })).toHaveCount(0);
  // The removed annotator lost the project; the item they held is free at once.
  expect((await annotatorApi.get(`/api/projects/${project.id}`)).status()).toBe(404);
  await addMember(api, project.id, other.email, 'annotator');
  const otherApi = await signedIn(other);
  expect((await nextTask(otherApi, project.id))?.item.id).toBe(held?.item.id);
  await Promise.all([api.dispose(), annotatorApi.dispose(), otherApi.dispose()]);
});

test('an admin disables an account and resets a password; a person changes their own; tokens are copied and revoked with care', async ({
  page,
  context,
}) => {
  // Six password hashes (sign-ins, a reset, a change, a token): more than the default minute on a busy machine.
  test.setTimeout(180_000);
  const person = await createAccount('researcher');
  const personApi = await signedIn(person);
  await signInQuietly(page, ADMIN);
  await page.goto('/users');
  const row = page.getByRole('row').filter({ hasText: person.email });
  // Asking first puts focus on Cancel (Enter pressed twice must not disable anyone); Esc backs out to the button.
  await row.getByRole('button', { name: `Disable ${person.email}` }).click();
  await expect(row.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(row.getByRole('button', { name: 'Disable account' })).toHaveCount(0);
  await expect(row.getByRole('button', { name: `Disable ${person.email}` })).toBeFocused();
  await row.getByRole('button', { name: `Disable ${person.email}` }).click();
  await row.getByRole('button', { name: 'Disable account' }).click();
  await expect(row).toContainText('disabled');
  // Their open session ended, and they cannot sign in again.
  expect((await personApi.get('/api/auth/me')).status()).toBe(401);
  const retry = await request.newContext({ baseURL: BASE_URL });
  expect((await retry.post('/api/auth/login', { data: person })).status()).toBe(403);
  await row.getByRole('button', { name: `Enable ${person.email}` }).click();
  await expect(row).toContainText('active');

  await row.getByRole('button', { name: `Reset password of ${person.email}` }).click();
  await row.getByLabel(`New password for ${person.email}`).fill('reset by the admin 1');
  await row.getByRole('button', { name: 'Set password', exact: true }).click();
  await expect(row.getByRole('status')).toContainText('Password set');
  await expectNoAxeViolations(page, 'the accounts page');
  expect((await retry.post('/api/auth/login', { data: { ...person, password: 'reset by the admin 1' } })).ok()).toBe(
    true,
  );
  await retry.dispose();

  // The audit log names what happened to whom.
  await page.goto('/security');
  const log = page.getByRole('table', { name: 'Audit events' });
  await expect(
    log.getByRole('row').filter({ hasText: 'Account disabled' }).filter({ hasText: person.email }),
  ).toHaveCount(1);

  // The person changes their own password on the Security page.
  await context.clearCookies();
  await signInQuietly(page, { email: person.email, password: 'reset by the admin 1' });
  await page.goto('/security');
  await page.getByLabel('Current password').fill('reset by the admin 1');
  await page.getByLabel('New password', { exact: true }).fill('my own password 22');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Password changed.' })).toBeVisible();

  // A new token has a copy button; revoking asks first.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByLabel('Token name').fill('copy me');
  await page.getByLabel('Your password').fill('my own password 22');
  await page.getByRole('button', { name: 'Create token' }).click();
  // Focus goes to the token, shown once, not back to the top of the page.
  await expect(page.getByLabel('New token')).toBeFocused();
  const token = await page.getByLabel('New token').inputValue();
  await page.getByRole('button', { name: 'Copy token' }).click();
  await expect(page.getByText('Copied to the clipboard.', { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  // On plain http (an instance reached by its LAN address) there is no Clipboard API: the copy still works.
  const insecure = await context.newPage();
  await insecure.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await insecure.goto('/security');
  expect(await insecure.evaluate(() => navigator.clipboard)).toBeUndefined();
  await insecure.getByLabel('Token name').fill('copy on http');
  await insecure.getByLabel('Your password').fill('my own password 22');
  await insecure.getByRole('button', { name: 'Create token' }).click();
  const second = await insecure.getByLabel('New token').inputValue();
  await insecure.getByRole('button', { name: 'Copy token' }).click();
  await expect(insecure.getByText('Copied to the clipboard.', { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(second);
  await insecure.close();
  const tokenRow = page.getByRole('row', { name: /copy me/ });
  await tokenRow.getByRole('button', { name: 'Revoke copy me' }).click();
  await tokenRow.getByRole('button', { name: 'Cancel' }).click();
  await expect(tokenRow).toContainText('active');
  await tokenRow.getByRole('button', { name: 'Revoke copy me' }).click();
  await tokenRow.getByRole('button', { name: 'Revoke token' }).click();
  await expect(tokenRow).toContainText('revoked');
  await expectNoAxeViolations(page, 'the security page');
  await personApi.dispose();
});

test('a workspace slug is suggested from its name', async ({ page }) => {
  await signInQuietly(page, ADMIN);
  await page.goto('/workspaces');
  await page.getByLabel('Workspace name').fill('Team Ünïcode & Friends 2');
  await expect(page.getByLabel('Slug')).toHaveValue('team-n-code-friends-2');
  await page.getByLabel('Slug').fill('my-own');
  await page.getByLabel('Workspace name').fill('Other name');
  await expect(page.getByLabel('Slug')).toHaveValue('my-own');
});

test('an admin changes a workspace member’s role and removes them from the workspace, confirming first', async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  const workspace = { name: `Crew ${suffix}`, slug: `crew-${suffix}` };
  const adminApi = await signedIn(ADMIN);
  const made = await adminApi.post('/api/workspaces', { data: workspace });
  expect(made.status(), await made.text()).toBe(201);
  const workspaceId: string = (await made.json()).id;
  const member = await createAccount('researcher', 'crew');
  const added = await adminApi.post(`/api/workspaces/${workspaceId}/members`, {
    data: { email: member.email, role: 'member' },
  });
  expect(added.status(), await added.text()).toBe(200);

  await signInQuietly(page, ADMIN);
  await page.goto('/workspaces');
  const section = page.getByRole('region', { name: new RegExp(workspace.name) });
  const role = section.getByRole('combobox', { name: `Workspace role of ${member.email}` });
  await role.selectOption('admin');
  await expect(role).toHaveValue('admin');
  const roles = async () =>
    (
      (await (await adminApi.get(`/api/workspaces/${workspaceId}/members`)).json()).members as {
        email: string;
        role: string;
      }[]
    ).filter((m) => m.email === member.email);
  await expect.poll(async () => (await roles())[0]?.role).toBe('admin');

  await section.getByRole('button', { name: `Remove ${member.email} from ${workspace.name}` }).click();
  const confirm = section.getByRole('group', { name: new RegExp(`Remove ${member.email} from ${workspace.name}\\?`) });
  await expect(confirm).toContainText('They lose every project in it.');
  await expectNoAxeViolations(page, 'the workspace members asking to confirm a removal');
  await confirm.getByRole('button', { name: 'Remove member' }).click();
  await expect(section.getByRole('row').filter({ hasText: member.email })).toHaveCount(0);
  expect(await roles()).toEqual([]);
  await adminApi.dispose();
});
