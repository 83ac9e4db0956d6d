import { exportLineSchemas, outputProvenanceSchema } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { addMember, createAccount, createProject, exportLines, importJsonl, signedIn } from '../support/api.ts';
import { ADMIN } from '../support/env.ts';
import { modelServerForThisFile } from '../support/model-server.ts';
import { signInThroughForm, snap } from '../support/ui.ts';

// The OpenAI-compatible endpoint the researcher connects: a real HTTP server on this machine (loopback is allowed).
const modelServer = modelServerForThisFile({ apiKey: 'sk-e2e-secret-key', delayMs: 30 });

test('a researcher connects a local model, generates outputs for imported prompts, and an annotator ranks them', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const model = modelServer();
  const researcher = await createAccount('researcher');
  const annotator = await createAccount('annotator');
  const researcherApi = await signedIn(researcher);
  const project = await createProject(researcherApi, { name: `Generated ${Date.now().toString(36)}`, kind: 'ranking' });
  const prompts = ['What is the capital of France?', 'Name a prime number above 10.'];
  const connectionName = `Local test model ${Date.now().toString(36)}`;

  // The admin registers the endpoint in the Models page and tests it.
  await signInThroughForm(page, ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
  await expect(page.getByRole('heading', { name: 'Model connections', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'New connection' });
  await form.getByLabel('Name').fill(connectionName);
  await form.getByLabel('Model id').fill('test-model');
  await form.getByLabel('Base URL').fill(model.url);
  await form.getByLabel('API key').fill('sk-wrong-key');
  // Instance-wide: every workspace's projects may use it (the researcher's project is in the default one).
  await form.getByRole('checkbox', { name: 'Every workspace (instance-wide)' }).check();
  await form.getByRole('button', { name: 'Add connection' }).click();
  const row = page.getByRole('row', { name: new RegExp(connectionName) });
  await expect(row).toContainText('key stored');
  // A wrong key: the exact error the endpoint gave, without the key.
  await row.getByRole('button', { name: `Test connection: ${connectionName}` }).click();
  const result = page.getByRole('status', { name: `Test connection: ${connectionName}` });
  await expect(result).toContainText('The call failed (refused 401)');
  await expect(result).toContainText('Incorrect API key provided');
  await expect(result).not.toContainText('sk-wrong-key');
  // The right key, then the model's answer.
  await row.getByRole('button', { name: `Edit: ${connectionName}` }).click();
  const edit = page.getByRole('form', { name: `Edit ${connectionName}` });
  await edit.getByLabel('API key').fill('sk-e2e-secret-key');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await row.getByRole('button', { name: `Test connection: ${connectionName}` }).click();
  await expect(result).toContainText('The model answered in');
  await expect(result).toContainText('Answer to "Say hello in one short sentence."');
  await expect(page.locator('body')).not.toContainText('sk-e2e-secret-key');
  await snap(page, 'models-01-connections');
  await page.context().clearCookies();

  // The researcher samples three outputs per prompt and watches the job finish.
  await signInThroughForm(page, researcher);
  await page.goto(`/projects/${project.id}`);
  const panel = page.getByRole('region', { name: 'Generate outputs' });
  // The researcher lets the project take prompts without outputs, in the panel; a prompts-only file then imports.
  const promptsOnly = panel.getByRole('checkbox', { name: /Prompts may be imported without outputs/ });
  await expect(promptsOnly).not.toBeChecked();
  // The box shows the saved setting: it turns checked once the server has it.
  await promptsOnly.click();
  await expect(promptsOnly).toBeChecked();
  await expect(promptsOnly).toBeEnabled();
  await importJsonl(
    researcherApi,
    project.id,
    prompts.map((prompt, i) => JSON.stringify({ id: `q${i}`, prompt })).join('\n'),
  );
  await addMember(researcherApi, project.id, annotator.email, 'annotator');
  await page.reload();
  await expect(promptsOnly).toBeChecked();
  await panel.getByRole('checkbox', { name: new RegExp(connectionName) }).check();
  await panel.getByLabel('Samples per item, per connection').fill('3');
  await panel.getByLabel('Temperature').fill('0.8');
  await panel.getByLabel('Seed').fill('7');
  await panel.getByRole('button', { name: 'Start generation' }).click();
  const jobs = panel.getByRole('list', { name: 'Generation jobs' });
  await expect(jobs.getByRole('listitem').first()).toContainText('Done', { timeout: 60_000 });
  await expect(jobs.getByRole('listitem').first()).toContainText('6 of 6 samples');
  await snap(page, 'models-02-generation-done');
  const calls = model.requests.filter((r) => r.path === '/v1/chat/completions' && r.body?.temperature === 0.8);
  expect(calls).toHaveLength(6);
  expect(calls.every((c) => c.headers.authorization === 'Bearer sk-e2e-secret-key')).toBe(true);
  expect(new Set(calls.map((c) => c.body?.seed))).toEqual(new Set([7, 8, 9]));
  await page.context().clearCookies();

  // The annotator ranks the generated outputs, blind to the model.
  await signInThroughForm(page, annotator);
  await page.goto(`/projects/${project.id}/annotate`);
  const board = page.getByRole('region', { name: 'Rank the outputs, best first' });
  await expect(board).toBeVisible();
  for (const label of ['A', 'B', 'C']) {
    await expect(page.getByRole('article', { name: `Output ${label}` })).toContainText('Answer to "');
  }
  await expect(page.locator('body')).not.toContainText('test-model');
  await expect(page.locator('body')).not.toContainText(connectionName);
  await board.getByRole('button', { name: 'Output A, unranked' }).focus();
  await page.keyboard.press('1');
  await board.getByRole('button', { name: 'Output B, unranked' }).focus();
  await page.keyboard.press('2');
  await board.getByRole('button', { name: 'Output C, unranked' }).focus();
  await page.keyboard.press('3');
  for (const [label, value] of [
    ['A', 7],
    ['B', 4],
    ['C', 2],
  ] as const) {
    await page
      .getByRole('radiogroup', { name: `Overall quality for output ${label}` })
      .getByRole('radio', { name: new RegExp(`^${value}(: .+)?$`) })
      .check();
  }
  await snap(page, 'models-03-annotator-ranks');
  await page.getByRole('button', { name: /^Submit/ }).click();
  await expect(page.getByRole('article', { name: 'Output A' })).toBeVisible();

  // The answer is exported as preference pairs over the generated texts.
  const lines = (await exportLines(researcherApi, project.id, 'trl-preference')) as {
    chosen: { content: string }[];
    rejected: { content: string }[];
  }[];
  expect(lines).toHaveLength(3);
  for (const line of lines) {
    expect(line.chosen[0]?.content).toMatch(/^Answer to "/);
    expect(line.rejected[0]?.content).toMatch(/^Answer to "/);
  }
  // The raw export names the call behind each output, which the annotator never saw.
  const raw = (await exportLines(researcherApi, project.id, 'raw')).map((line) => exportLineSchemas.raw.parse(line));
  expect(raw).toHaveLength(1);
  expect(raw[0]?.outputs).toHaveLength(3);
  for (const output of raw[0]?.outputs ?? []) {
    expect(outputProvenanceSchema.parse(output.provenance)).toMatchObject({ model: 'test-model', connectionName });
  }

  // The researcher reads the same in the item browser.
  await page.context().clearCookies();
  await signInThroughForm(page, researcher);
  await page.goto(`/projects/${project.id}/items`);
  await page.getByRole('rowheader', { name: 'q0' }).getByRole('link').click();
  const outputs = page.getByRole('region', { name: 'Item q0' }).getByRole('list', { name: 'Outputs' });
  await expect(outputs.getByText(`${connectionName} (test-model)`)).toHaveCount(3);
  await expect(outputs).toContainText('Generated by');
});
