import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Answers, projectSchema } from '@feedbench/shared';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../support/a11y.ts';
import { addMember, arrangeProject, createAccount, nextTask, signedIn, submit } from '../support/api.ts';
import { asShown, type FixtureItem } from '../support/fixtures.ts';
import { signInQuietly, snap } from '../support/ui.ts';

const jsonl = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'ranking-items.jsonl'), 'utf8');
const fixtureItems = jsonl
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as FixtureItem);

test('a researcher sees pairwise agreement 1.00 and both annotators when two annotators rank alike, refreshed live', async ({
  page,
}) => {
  const { researcher, researcherApi, annotator, project } = await arrangeProject('ranking', jsonl);
  const patched = await researcherApi.patch(`/api/projects/${project.id}`, { data: { overlapTarget: 2 } });
  expect(patched.ok(), await patched.text()).toBe(true);
  projectSchema.parse(await patched.json());
  const second = await createAccount('annotator');
  await addMember(researcherApi, project.id, second.email, 'annotator');

  // Both annotators give every item the same ranking (m1 > m2 > m3) and ratings: every pair of rankings agrees.
  const answers: Answers = {
    rank: { type: 'ranking', groups: [['m1'], ['m2'], ['m3']] },
    quality: { type: 'rating', values: { m1: 6, m2: 4, m3: 2 } },
  };
  const annotate = async (api: APIRequestContext) => {
    const task = await nextTask(api, project.id);
    if (!task) throw new Error('expected a task');
    await submit(api, task.leaseId, {
      idempotencyKey: crypto.randomUUID(),
      answers: asShown(task, fixtureItems, answers),
      timeOnTaskMs: 2000,
    });
  };
  const firstApi = await signedIn(annotator);
  const secondApi = await signedIn(second);
  await annotate(firstApi);
  await annotate(firstApi);
  expect(await nextTask(firstApi, project.id)).toBeNull();
  // The second annotator's last item arrives while the researcher watches (the live refresh).
  await annotate(secondApi);

  // The charts' inline style props must pass the app's CSP: any violation is reported on the console.
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await signInQuietly(page, researcher);
  await page.goto(`/projects/${project.id}`);
  await page.getByRole('link', { name: 'Agreement', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}/agreement$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Agreement' })).toBeVisible();

  const estimates = page.getByRole('table', { name: /^Agreement on/ }).first();
  await expect(estimates.getByRole('row', { name: /Pairwise agreement/ })).toContainText('1.00');

  const annotators = page.getByRole('table', { name: /^Annotators/ });
  await expect(annotators.getByRole('row', { name: new RegExp(annotator.email) })).toBeVisible();
  await expect(annotators.getByRole('row', { name: new RegExp(second.email) })).toBeVisible();
  // Sorting by a column header flips aria-sort.
  const byAnnotator = annotators.getByRole('columnheader', { name: 'Annotator' });
  await byAnnotator.getByRole('button').click();
  await expect(byAnnotator).toHaveAttribute('aria-sort', 'ascending');

  const overTime = page.getByRole('figure', { name: /^Agreement over time/ }).first();
  await expect(overTime).toBeVisible();
  await expect(overTime.locator('.recharts-wrapper')).toBeVisible();
  await expect(overTime).toContainText('Pairwise agreement on');
  await expect(page.getByRole('region', { name: /^Position bias/ }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Progress' }).getByRole('progressbar')).toHaveAttribute(
    'aria-valuetext',
    '1 of 2 items completed',
  );
  expect(cspViolations).toEqual([]);
  await expectNoAxeViolations(page, 'the agreement dashboard');

  // A submission announced on the project's websocket refreshes the report without a reload.
  await annotate(secondApi);
  await expect(page.getByRole('region', { name: 'Progress' }).getByRole('progressbar')).toHaveAttribute(
    'aria-valuetext',
    '2 of 2 items completed',
  );
  await expect(
    annotators
      .getByRole('row', { name: new RegExp(second.email) })
      .getByRole('cell')
      .first(),
  ).toHaveText('2');
  await expect(estimates.getByRole('row', { name: /Pairwise agreement/ })).toContainText('1.00');
  await Promise.all([firstApi.dispose(), secondApi.dispose()]);
  await snap(page, 'researcher-agreement');
});
