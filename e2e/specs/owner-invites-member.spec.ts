import { workspaceInvitationResponse } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { addMember, createAccount, createProject, signedIn } from '../support/api.ts';
import { ADMIN, BASE_URL } from '../support/env.ts';
import { signInThroughForm } from '../support/ui.ts';

/**
 * A workspace owner (no instance admin) invites people by email in the UI: the answer is the same for an email with
 * an account elsewhere and one without, nobody is added until they accept, and the invited person accepts in their
 * own browser and then reaches the workspace's projects.
 */
test('an owner invites someone, who accepts in the browser and gains access; an unknown email gets the same answer', async ({
  page,
  browser,
}) => {
  // Four accounts sign in or are created (one scrypt each): slow on a loaded machine.
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const workspace = { name: `Invited team ${suffix}`, slug: `invited-${suffix}` };

  const adminApi = await signedIn(ADMIN);
  const made = await adminApi.post('/api/workspaces', { data: workspace });
  expect(made.status(), await made.text()).toBe(201);
  const workspaceId: string = (await made.json()).id;
  const owner = { email: `owner-${suffix}@e2e.test`, password: 'owner-password-1', role: 'researcher' as const };
  expect((await adminApi.post('/api/users', { data: { ...owner, workspaceId } })).status()).toBe(201);
  const promoted = await adminApi.post(`/api/workspaces/${workspaceId}/members`, {
    data: { email: owner.email, role: 'owner' },
  });
  expect(promoted.status(), await promoted.text()).toBe(200);
  // An account of the default workspace only: another tenant, as far as the owner is concerned.
  const invitee = await createAccount('annotator', 'invitee');

  const ownerApi = await signedIn(owner);
  const project = await createProject(ownerApi, { name: `Invited work ${suffix}`, kind: 'ranking' });
  // Not a member yet: the project refuses them exactly as it refuses an email without an account.
  const early = await ownerApi.post(`/api/projects/${project.id}/members`, {
    data: { email: invitee.email, role: 'annotator' },
  });
  const ghost = await ownerApi.post(`/api/projects/${project.id}/members`, {
    data: { email: `ghost-${suffix}@e2e.test`, role: 'annotator' },
  });
  expect(early.status()).toBe(422);
  expect(ghost.status()).toBe(422);

  // The owner invites through the Workspaces page.
  await signInThroughForm(page, owner);
  await page.getByRole('link', { name: 'Workspaces' }).click();
  const section = page.getByRole('region', { name: new RegExp(workspace.name) });
  for (const email of [invitee.email, `nobody-${suffix}@e2e.test`]) {
    await section.getByLabel('Invite by email').fill(email);
    await section.getByRole('button', { name: 'Invite', exact: true }).click();
    await expect(section.getByRole('status')).toHaveText(
      `Invitation for ${email} is open: they join when they accept it, signed in with that email.`,
    );
    await expect(section.getByRole('table', { name: /Open invitations/ })).toContainText(email);
  }
  // No direct "Add member" for a workspace owner.
  await expect(section.getByRole('button', { name: 'Add member' })).toHaveCount(0);

  // The API answers alike for an account elsewhere and for no account (status and fields, ids and times aside).
  const shapeOf = async (email: string) => {
    const response = await ownerApi.post(`/api/workspaces/${workspaceId}/invitations`, { data: { email } });
    const { invitation } = workspaceInvitationResponse.parse(await response.json());
    return { status: response.status(), keys: Object.keys(invitation).sort(), role: invitation.role };
  };
  expect(await shapeOf(invitee.email)).toEqual(await shapeOf(`nobody-else-${suffix}@e2e.test`));

  // The invitee, in a browser of their own, sees the invitation on their home page and accepts it.
  const context = await browser.newContext({ baseURL: BASE_URL });
  const inviteePage = await context.newPage();
  await signInThroughForm(inviteePage, invitee);
  const invitation = inviteePage.getByRole('listitem', { name: `Invitation to ${workspace.name}` });
  await expect(invitation).toContainText(owner.email);
  await invitation.getByRole('button', { name: 'Accept' }).click();
  await expect(invitation).toHaveCount(0);

  // A member now: the owner can put them on the project, and they see it.
  await addMember(ownerApi, project.id, invitee.email, 'annotator');
  await inviteePage.reload();
  await expect(inviteePage.getByRole('listitem', { name: project.name })).toBeVisible();
  await context.close();
});
