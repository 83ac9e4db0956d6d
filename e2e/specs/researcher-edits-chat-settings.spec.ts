import { chatSessionResponse, projectSchema } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { addMember, createAccount, importJsonl, nextTask, signedIn } from '../support/api.ts';
import { createChatProjectInUi } from '../support/chat-setup.ts';
import { ADMIN } from '../support/env.ts';
import { connectModels, defaultWorkspaceId, modelServerForThisFile } from '../support/model-server.ts';
import { signInQuietly, snap } from '../support/ui.ts';

/**
 * A researcher who manages no connection (a plain member of the workspace) sets up a live chat project in the UI,
 * then changes its candidates, system prompt and turn limit in the project's Settings: the change is saved, survives
 * a reload, and the next conversation an annotator starts runs with it.
 */
const modelServer = modelServerForThisFile();

test('a researcher sets up a chat project and later changes its candidates, system prompt and turn limit', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const admin = await signedIn(ADMIN);
  const workspaceId = await defaultWorkspaceId(admin);
  const connections = await connectModels(admin, workspaceId, modelServer(), [1, 2, 3], 'settings chat model');
  const [first, second, third] = connections.map((c) => c.id) as [string, string, string];
  const researcher = await createAccount('researcher', 'chat-settings');
  const researcherApi = await signedIn(researcher);
  // Not a manager: the workspace's connection list (URLs, keys) stays closed to them.
  expect((await researcherApi.get(`/api/model-connections?workspaceId=${workspaceId}`)).status()).toBe(403);

  await signInQuietly(page, researcher);
  const projectId = await createChatProjectInUi(page, {
    name: `Chat settings ${Date.now().toString(36)}`,
    workspaceId,
    connectionIds: [first, second],
    turns: 2,
  });

  const settings = page.getByRole('form', { name: 'Settings' });
  await expect(settings.getByLabel('Candidate 2')).toHaveValue(second);
  // Replies are sampled live, turn by turn: there is nothing to generate ahead (the page has loaded by now).
  await expect(page.getByRole('region', { name: 'Generate outputs' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Judges' })).toHaveCount(0);
  await expect(settings.getByRole('button', { name: 'Save settings' })).toBeDisabled();
  await settings.getByLabel('Candidate 2').selectOption(third);
  await settings.getByLabel('System prompt (optional)').fill('Answer in one sentence.');
  await settings.getByLabel('Turns per conversation').fill('4');
  await expect(settings.getByRole('status')).toHaveText('Unsaved changes');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByRole('status')).toHaveText('Settings saved.');
  await snap(page, 'chat-settings-saved');

  await page.reload();
  await expect(settings.getByLabel('Candidate 1')).toHaveValue(first);
  await expect(settings.getByLabel('Candidate 2')).toHaveValue(third);
  await expect(settings.getByLabel('System prompt (optional)')).toHaveValue('Answer in one sentence.');
  await expect(settings.getByLabel('Turns per conversation')).toHaveValue('4');
  const saved = projectSchema.parse(await (await researcherApi.get(`/api/projects/${projectId}`)).json());
  expect(saved.settings.chat).toMatchObject({
    candidates: [{ connectionId: first }, { connectionId: third }],
    systemPrompt: 'Answer in one sentence.',
    turnLimit: 4,
  });

  // A conversation started now runs with the new settings.
  await importJsonl(researcherApi, projectId, `${JSON.stringify({ id: 'starter', prompt: [] })}\n`);
  const annotator = await createAccount('annotator', 'chat-settings-annotator');
  await addMember(researcherApi, projectId, annotator.email, 'annotator');
  const annotatorApi = await signedIn(annotator);
  const task = await nextTask(annotatorApi, projectId);
  if (!task) throw new Error('no chat task');
  const opened = await annotatorApi.get(`/api/leases/${task.leaseId}/chat`);
  expect(opened.status(), await opened.text()).toBe(200);
  const { session } = chatSessionResponse.parse(await opened.json());
  expect(session).toMatchObject({ systemPrompt: 'Answer in one sentence.', turnLimit: 4 });
});
