import { readFileSync } from 'node:fs';
import path from 'node:path';
import { adjudicationItemSchema } from '@feedbench/shared';
import { expect, test } from '@playwright/test';
import { arrangeProject, nextTask, signedIn, submit } from '../support/api.ts';
import { signInQuietly } from '../support/ui.ts';

const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'ranking-items.jsonl'), 'utf8');

const questions = [
  {
    id: 'scores',
    type: 'attributes' as const,
    label: 'Rate each attribute',
    attributes: [
      { id: 'helpfulness', label: 'Helpfulness' },
      { id: 'correctness', label: 'Correctness' },
    ],
  },
  {
    id: 'issues',
    type: 'flags' as const,
    label: 'Does the output…',
    flags: [
      { id: 'hallucination', label: 'Hallucination' },
      { id: 'harmful', label: 'Harmful advice' },
    ],
  },
];

test('attribute and flag answers are adjudicated with the scales and checkboxes annotators use, not JSON', async ({
  page,
}) => {
  const { researcher, annotator, researcherApi, project } = await arrangeProject('ranking', jsonl);
  expect((await researcherApi.patch(`/api/projects/${project.id}`, { data: { questions } })).ok()).toBe(true);
  const annotatorApi = await signedIn(annotator);
  const task = await nextTask(annotatorApi, project.id);
  if (!task) throw new Error('no task');
  const ids = task.outputs.map((o) => o.id);
  await submit(annotatorApi, task.leaseId, {
    idempotencyKey: crypto.randomUUID(),
    answers: {
      scores: {
        type: 'attributes',
        values: Object.fromEntries(ids.map((id) => [id, { helpfulness: 3, correctness: 2 }])),
      },
      issues: { type: 'flags', values: Object.fromEntries(ids.map((id) => [id, []])) },
    },
  });

  // The annotator saw blind output ids; researchers see the file's ids (matched here by content, as a reader would).
  const source = jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; outputs: { id: string; content: string }[] })
    .find((item) => item.id === task.item.externalId);
  const fileIds = ids.map((id) => {
    const content = task.outputs.find((o) => o.id === id)?.content;
    return source?.outputs.find((o) => o.content === content)?.id ?? id;
  });

  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}/adjudication/${task.item.id}`);
  await page.getByRole('button', { name: 'Use this answer of Annotator 1' }).click();
  const form = page.getByRole('form', { name: 'Adjudicated answer' });
  await expect(form.getByRole('textbox')).toHaveCount(0);
  const [first] = fileIds as [string];
  await form
    .getByRole('radiogroup', { name: `Correctness for output ${first}` })
    .getByRole('radio', { name: '4', exact: true })
    .check();
  await form
    .getByRole('group', { name: `Does the output… (output ${first})` })
    .getByLabel('Hallucination')
    .check();
  await page.getByRole('button', { name: 'Save adjudicated answer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'revision 1' })).toBeVisible();

  const stored = adjudicationItemSchema.parse(
    await (await researcherApi.get(`/api/projects/${project.id}/adjudication/items/${task.item.id}`)).json(),
  );
  expect(stored.adjudication?.answers.scores).toEqual({
    type: 'attributes',
    values: Object.fromEntries(fileIds.map((id) => [id, { helpfulness: 3, correctness: id === first ? 4 : 2 }])),
  });
  expect(stored.adjudication?.answers.issues).toEqual({
    type: 'flags',
    values: Object.fromEntries(fileIds.map((id) => [id, id === first ? ['hallucination'] : []])),
  });
});
