import { workspaceListResponse } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { addMember, createAccount, createProject, signedIn } from '../support/api.ts';
import { ADMIN, BASE_URL } from '../support/env.ts';
import { signInThroughForm } from '../support/ui.ts';

/**
 * Two workspaces made by the admin in the UI; a researcher of one never sees the other's project in the list, and
 * reaching it by URL shows "no such project" (the API answers 404, as for an id that does not exist).
 */
test('a researcher of one workspace cannot see or open a project of another', async ({ page, browser }) => {
  // Six accounts sign in or are created (one scrypt each): slow on a loaded machine.
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const north = { name: `North ${suffix}`, slug: `north-${suffix}` };
  const south = { name: `South ${suffix}`, slug: `south-${suffix}` };

  // The admin creates both workspaces on the Workspaces page.
  await signInThroughForm(page, ADMIN);
  await page.getByRole('link', { name: 'Workspaces' }).click();
  for (const workspace of [north, south]) {
    await page.getByLabel('Workspace name').fill(workspace.name);
    await page.getByLabel('Slug').fill(workspace.slug);
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await expect(page.getByRole('heading', { name: workspace.name })).toBeVisible();
    // The form clears itself once the creation is through; fill it again only then.
    await expect(page.getByLabel('Workspace name')).toHaveValue('');
  }

  const adminApi = await signedIn(ADMIN);
  const listed = workspaceListResponse.parse(await (await adminApi.get('/api/workspaces')).json()).workspaces;
  const idOf = (slug: string) => listed.find((w) => w.slug === slug)?.id ?? '';
  const accountIn = async (workspaceId: string, name: string) => {
    const account = { email: `${name}-${suffix}@e2e.test`, password: `${name}-password-1`, role: 'researcher' };
    const made = await adminApi.post('/api/users', { data: { ...account, workspaceId } });
    expect(made.status(), await made.text()).toBe(201);
    return account;
  };
  const northResearcher = await accountIn(idOf(north.slug), 'north-researcher');
  const southResearcher = await accountIn(idOf(south.slug), 'south-researcher');

  // The admin adds an annotator to North through the page; North's member list shows them.
  const annotator = await createAccount('annotator', 'north-annotator');
  const northSection = page.getByRole('region', { name: new RegExp(north.name) });
  await northSection.getByLabel('Member email').fill(annotator.email);
  await northSection.getByRole('button', { name: 'Add member' }).click();
  await expect(northSection.getByRole('table')).toContainText(annotator.email);

  const southApi = await signedIn(southResearcher);
  const secret = await createProject(southApi, { name: `South secret ${suffix}`, kind: 'ranking' });
  const northApi = await signedIn(northResearcher);
  const own = await createProject(northApi, { name: `North work ${suffix}`, kind: 'ranking' });
  await addMember(northApi, own.id, annotator.email, 'annotator');
  expect(own.workspaceId).toBe(idOf(north.slug));
  expect(secret.workspaceId).toBe(idOf(south.slug));

  // North's researcher, in a browser of their own.
  const context = await browser.newContext({ baseURL: BASE_URL });
  const researcherPage = await context.newPage();
  await signInThroughForm(researcherPage, northResearcher);
  const projects = researcherPage.getByRole('list', { name: 'Projects' });
  await expect(projects.getByRole('listitem', { name: own.name })).toBeVisible();
  await expect(researcherPage.getByText(secret.name)).toHaveCount(0);
  // One workspace: no switcher and no workspace choice in the new-project form (projects go to North).
  await expect(researcherPage.getByLabel('Show workspace')).toHaveCount(0);
  await expect(researcherPage.getByRole('combobox', { name: 'Workspace', exact: true })).toHaveCount(0);

  for (const path of [`/projects/${secret.id}`, `/projects/${secret.id}/annotate`]) {
    await researcherPage.goto(path);
    await expect(researcherPage.getByRole('alert')).toContainText(/no such project/i);
    await expect(researcherPage.getByText(secret.name)).toHaveCount(0);
  }
  // The API agrees: 404, exactly as for a project that does not exist.
  expect((await northApi.get(`/api/projects/${secret.id}`)).status()).toBe(404);
  expect((await northApi.get('/api/projects/00000000-0000-4000-8000-000000000000')).status()).toBe(404);

  // The admin sees both workspaces' projects and can switch between them.
  await page.goto('/');
  await page.getByLabel('Show workspace').selectOption({ label: south.name });
  await expect(page.getByRole('listitem', { name: secret.name })).toBeVisible();
  await expect(page.getByRole('listitem', { name: own.name })).toHaveCount(0);
  await context.close();
});
